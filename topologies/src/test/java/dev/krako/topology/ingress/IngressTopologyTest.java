package dev.krako.topology.ingress;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.ValidationFailed;
import dev.krako.avro.Violation;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.topology.TopologyTestSupport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngressTopologyTest {

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> graphs;
  private TestOutputTopic<String, SessionAdmitted> admitted;
  private TestOutputTopic<String, GraphRejected> rejected;
  private TestOutputTopic<String, Event> events;

  @BeforeEach
  void start() {
    driver =
        new TopologyTestDriver(
            IngressTopology.build(IngressConfig.defaults(TOPICS, "ingress-test")),
            TopologyTestSupport.properties("krako-ingress-test", stateDir),
            T0);
    graphs =
        driver.createInputTopic(
            TOPICS.taskGraphs().name(),
            TOPICS.taskGraphs().keySerde().serializer(),
            TOPICS.taskGraphs().valueSerde().serializer(),
            T0,
            java.time.Duration.ofMillis(1));
    admitted = output(TOPICS.admitted());
    rejected = output(TOPICS.rejected());
    events = output(TOPICS.events());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aValidGraphIsAdmittedUnderTheSessionIdOfItsRequest() {
    graphs.pipeInput("g-1", chain("g-1", "tenant-a", "req-1"));

    var record = admitted.readRecord();
    String sessionId = EventIds.sessionId("tenant-a", "req-1");
    assertThat(record.key()).isEqualTo(sessionId);
    assertThat(record.value().getSessionId()).isEqualTo(sessionId);
    assertThat(record.value().getGraph().getWorkUnits())
        .extracting(u -> u.getId())
        .containsExactly("a", "b");
    assertThat(record.value().getAdmittedAt()).isEqualTo(T0);
    assertThat(rejected.isEmpty()).isTrue();
  }

  @Test
  void theSameRequestTwiceGetsOneSessionAndADuplicateAnswerNamingIt() {
    graphs.pipeInput("g-1", chain("g-1", "tenant-a", "req-1"));
    graphs.pipeInput("g-2", chain("g-2", "tenant-a", "req-1"));

    assertThat(admitted.readValuesToList()).hasSize(1);
    GraphRejected duplicate = rejected.readValue();
    assertThat(duplicate.getExistingSessionId()).isEqualTo(EventIds.sessionId("tenant-a", "req-1"));
    assertThat(duplicate.getGraphId()).isEqualTo("g-2");
    assertThat(duplicate.getViolations())
        .extracting(Violation::getCode)
        .containsExactly("DUPLICATE_REQUEST");
    assertThat(duplicate.getSourceTopic()).isEqualTo(TOPICS.taskGraphs().name());
    assertThat(duplicate.getSourceOffset()).isEqualTo(1L);
  }

  @Test
  void theSameRequestIdOfAnotherTenantIsAnotherSession() {
    graphs.pipeInput("g-1", chain("g-1", "tenant-a", "req-1"));
    graphs.pipeInput("g-1", chain("g-1", "tenant-b", "req-1"));

    assertThat(admitted.readKeyValuesToList())
        .extracting(kv -> kv.key)
        .doesNotHaveDuplicates()
        .hasSize(2);
  }

  @Test
  void garbageIsRejectedWithAReasonAndAValidationFailedEventAndTheNextGraphStillRuns() {
    graphs.pipeInput("junk", "{not json".getBytes(StandardCharsets.UTF_8));
    graphs.pipeInput("g-1", chain("g-1", "tenant-a", "req-1"));

    GraphRejected rejection = rejected.readValue();
    assertThat(rejection.getViolations())
        .extracting(Violation::getCode)
        .containsExactly("MALFORMED_JSON");
    assertThat(rejection.getSourceOffset()).isZero();
    Event event = events.readValue();
    assertThat(event.getEventType()).isEqualTo(EventTypes.VALIDATION_FAILED);
    assertThat(event.getSessionId()).isNull();
    assertThat(((ValidationFailed) event.getPayload()).getViolations())
        .isEqualTo(rejection.getViolations());
    assertThat(admitted.readValuesToList()).hasSize(1);
  }

  @Test
  void aRejectionListsEveryViolationWithItsPath() {
    String graph =
        """
        {"schema_version":"1.0","graph_id":"g","request_id":"r","tenant_id":"t",
         "created_at":"2026-01-01T00:00:00Z",
         "budgets":{"max_llm_calls":-1,"max_cpu_units":1,"max_tokens":1,"max_latency_ms":1},
         "work_units":[{"id":"a","type":"quantum","run":{}},{"id":"b","type":"deterministic","run":{"handler":"echo"},"dependencies":["zz"]}]}
        """;
    graphs.pipeInput("g", graph.getBytes(StandardCharsets.UTF_8));

    List<Violation> violations = rejected.readValue().getViolations();
    assertThat(violations)
        .extracting(Violation::getCode, Violation::getPath)
        .contains(
            org.assertj.core.groups.Tuple.tuple("NEGATIVE_BUDGET", "$.budgets.max_llm_calls"),
            org.assertj.core.groups.Tuple.tuple("UNKNOWN_WORK_UNIT_TYPE", "$.work_units[0].type"),
            org.assertj.core.groups.Tuple.tuple(
                "UNKNOWN_DEPENDENCY", "$.work_units[1].dependencies[0]"));
  }

  @Test
  void aRejectionOfThousandsOfViolationsListsTheFirstHundredAndCountsTheRestSoItFitsARecord() {
    StringBuilder deps = new StringBuilder();
    for (int i = 0; i < 20_000; i++) {
      deps.append(i == 0 ? "" : ",").append("\"ghost-").append(i).append('"');
    }
    String longId = "x".repeat(50_000);
    String graph =
        "{\"schema_version\":\"1.0\",\"graph_id\":\""
            + longId
            + "\",\"request_id\":\"r\",\"tenant_id\":\"t\","
            + "\"created_at\":\"2026-01-01T00:00:00Z\","
            + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":1,\"max_tokens\":0,\"max_latency_ms\":1},"
            + "\"work_units\":[{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
            + "\"dependencies\":["
            + deps
            + "]}]}";
    graphs.pipeInput("g", graph.getBytes(StandardCharsets.UTF_8));

    var record = rejected.readRecord();
    List<Violation> violations = record.value().getViolations();
    assertThat(violations).hasSize(Rejections.MAX_VIOLATIONS + 1);
    assertThat(violations.get(0).getCode()).isIn("UNKNOWN_DEPENDENCY", "WRONG_TYPE");
    Violation last = violations.get(violations.size() - 1);
    assertThat(last.getCode()).isEqualTo("VIOLATIONS_TRUNCATED");
    assertThat(last.getMessage()).startsWith((20_001 - Rejections.MAX_VIOLATIONS) + " more");
    assertThat(record.key()).hasSize(Rejections.MAX_TEXT + 1).endsWith("…");
    assertThat(record.value().getGraphId()).hasSize(Rejections.MAX_TEXT + 1);
    assertThat(events.readValue().getPayload().toString()).contains("VIOLATIONS_TRUNCATED");
    byte[] encoded = TOPICS.rejected().valueSerde().serializer().serialize("t", record.value());
    assertThat(encoded.length).isLessThan(256 * 1024);
  }

  @Test
  void theOneSessionRuleSurvivesARestartThroughTheStoreChangelog() {
    graphs.pipeInput("g-1", chain("g-1", "tenant-a", "req-1"));
    var index =
        driver.<String, dev.krako.avro.RequestIndexEntry>getKeyValueStore(
            IngressNames.REQUEST_INDEX_STORE);

    assertThat(index.get(EventIds.sessionId("tenant-a", "req-1")).getGraphId()).isEqualTo("g-1");
  }

  @Test
  void aRequestIsRememberedForTheDedupeHorizonThenForgotten() {
    Duration horizon = IngressConfig.DEFAULT_REQUEST_DEDUPE_HORIZON;
    var index =
        driver.<String, dev.krako.avro.RequestIndexEntry>getKeyValueStore(
            IngressNames.REQUEST_INDEX_STORE);
    String first = EventIds.sessionId("tenant-a", "req-1");
    graphs.pipeInput("g-1", chain("g-1", "tenant-a", "req-1"), T0);
    graphs.pipeInput("g-2", chain("g-2", "tenant-a", "req-2"), T0.plus(horizon));
    driver.advanceWallClockTime(Duration.ofSeconds(10));
    assertThat(index.get(first)).as("not older than the horizon yet").isNotNull();

    graphs.pipeInput("g-1b", chain("g-1b", "tenant-a", "req-1"), T0.plus(horizon).plusMillis(1));
    assertThat(rejected.readValue().getViolations().get(0).getCode())
        .as("a repeat within the horizon is still a duplicate")
        .isEqualTo("DUPLICATE_REQUEST");
    graphs.pipeInput("g-3", chain("g-3", "tenant-a", "req-3"), T0.plus(horizon).plusMillis(2));
    driver.advanceWallClockTime(Duration.ofSeconds(10));

    assertThat(index.get(first)).isNull();
    assertThat(index.get(EventIds.sessionId("tenant-a", "req-2"))).isNotNull();
    assertThat(admitted.readValuesToList())
        .extracting(a -> a.getGraph().getGraphId())
        .containsExactly("g-1", "g-2", "g-3");
  }

  private <V> TestOutputTopic<String, V> output(dev.krako.topics.Topic<String, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }

  static byte[] chain(String graphId, String tenant, String request) {
    return ("{\"schema_version\":\"1.0\",\"graph_id\":\""
            + graphId
            + "\",\"request_id\":\""
            + request
            + "\",\"tenant_id\":\""
            + tenant
            + "\",\"created_at\":\"2026-01-01T00:00:00Z\","
            + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":10,\"max_tokens\":0,\"max_latency_ms\":60000},"
            + "\"work_units\":["
            + "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\",\"args\":{\"message\":\"hi\"}}},"
            + "{\"id\":\"b\",\"type\":\"deterministic\",\"dependencies\":[\"a\"],\"run\":{\"handler\":\"echo\",\"args\":{}}}]}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
