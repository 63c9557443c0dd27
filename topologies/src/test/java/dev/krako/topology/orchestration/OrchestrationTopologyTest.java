package dev.krako.topology.orchestration;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.topology.TopologyTestSupport;
import dev.krako.topology.codec.GraphCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrchestrationTopologyTest {

  private static final String SESSION = "session-1";

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, SessionAdmitted> admitted;
  private TestInputTopic<String, Event> eventsIn;
  private TestOutputTopic<String, Event> events;
  private TestOutputTopic<String, WorkUnitDispatch> cpu;
  private TestOutputTopic<String, WorkUnitDispatch> trusted;
  private TestOutputTopic<String, WorkUnitDispatch> llm;
  private TestOutputTopic<String, SessionResult> results;

  @BeforeEach
  void start() {
    driver =
        new TopologyTestDriver(
            OrchestrationTopology.build(OrchestrationConfig.defaults(TOPICS, "orchestrator-test")),
            TopologyTestSupport.properties("krako-orchestration-test", stateDir),
            T0);
    admitted =
        driver.createInputTopic(
            TOPICS.admitted().name(),
            TOPICS.admitted().keySerde().serializer(),
            TOPICS.admitted().valueSerde().serializer());
    eventsIn =
        driver.createInputTopic(
            TOPICS.events().name(),
            TOPICS.events().keySerde().serializer(),
            TOPICS.events().valueSerde().serializer());
    events = output(TOPICS.events());
    cpu = output(TOPICS.dispatch(Substrate.cpu));
    trusted = output(TOPICS.dispatch(Substrate.cpu_trusted));
    llm = output(TOPICS.dispatch(Substrate.llm_pod));
    results = output(TOPICS.results());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void bIsDispatchedOnlyAfterACompletesAndTheSessionEndsWithOneResult() {
    admit(CHAIN);

    assertThat(cpu.readValuesToList())
        .extracting(WorkUnitDispatch::getWorkUnitId)
        .containsExactly("a");
    assertThat(eventTypes()).containsExactly(EventTypes.SESSION_STARTED, EventTypes.UNIT_SCHEDULED);

    complete("a", 0, "{\"status\":\"ok\",\"task_id\":\"a\"}");
    WorkUnitDispatch b = cpu.readValue();
    assertThat(b.getWorkUnitId()).isEqualTo("b");
    assertThat(b.getDependencyOutputs())
        .containsEntry("a", "{\"status\":\"ok\",\"task_id\":\"a\"}");
    assertThat(results.isEmpty()).isTrue();

    complete("b", 0, "{\"status\":\"ok\",\"task_id\":\"b\"}");
    SessionResult result = results.readValue();
    assertThat(result.getStopReason()).isEqualTo(StopReason.success);
    assertThat(result.getFinalOutputJson()).isEqualTo("{\"status\":\"ok\",\"task_id\":\"b\"}");
    assertThat(result.getTelemetry().getDeterministicCount()).isEqualTo(2);
    assertThat(result.getTelemetry().getUnits())
        .extracting(u -> u.getAttempts())
        .containsExactly(1, 1);
    assertThat(results.isEmpty()).isTrue();
  }

  @Test
  void everyEventCarriesTheFullEnvelopeWithADeterministicId() {
    admit(CHAIN);

    Event started = events.readValue();
    assertThat(started.getEventId())
        .isEqualTo(EventIds.eventId(SESSION, null, 0, EventTypes.SESSION_STARTED));
    assertThat(started.getTenantId()).isEqualTo("tenant-a");
    assertThat(started.getGraphId()).isEqualTo("g-1");
    assertThat(started.getSessionId()).isEqualTo(SESSION);
    assertThat(started.getSource().getComponent()).isEqualTo("orchestrator");
    Event scheduled = events.readValue();
    assertThat(scheduled.getWorkUnitId()).isEqualTo("a");
    assertThat(scheduled.getEventId())
        .isEqualTo(EventIds.eventId(SESSION, "a", 0, EventTypes.UNIT_SCHEDULED));
  }

  @Test
  void aDuplicatedCompletionChangesNothing() {
    admit(CHAIN);
    complete("a", 0, "{}");
    cpu.readValuesToList();
    events.readValuesToList();

    complete("a", 0, "{}");

    assertThat(cpu.isEmpty()).isTrue();
    assertThat(events.isEmpty()).isTrue();
  }

  @Test
  void aSecondAdmissionOfTheSameSessionChangesNothing() {
    admit(CHAIN);
    cpu.readValuesToList();
    events.readValuesToList();

    admit(CHAIN);

    assertThat(cpu.isEmpty()).isTrue();
    assertThat(events.isEmpty()).isTrue();
  }

  @Test
  void placementSendsEachTypeToItsOwnPoolOnly() {
    admit(
        units(
            "{\"id\":\"plain\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}",
            "{\"id\":\"secret\",\"type\":\"retrieval\",\"run\":{\"handler\":\"lookup\"},"
                + "\"constraints\":{\"privacy\":\"local_only\"}}",
            "{\"id\":\"model\",\"type\":\"llm\",\"run\":{\"tier\":\"small\",\"prompt\":\"hi\"}}"));

    assertThat(cpu.readValuesToList())
        .extracting(WorkUnitDispatch::getWorkUnitId)
        .containsExactly("plain");
    assertThat(trusted.readValuesToList())
        .extracting(WorkUnitDispatch::getWorkUnitId)
        .containsExactly("secret");
    assertThat(llm.readValuesToList())
        .extracting(WorkUnitDispatch::getWorkUnitId)
        .containsExactly("model");
  }

  @Test
  void aFailedAttemptIsRetriedAfterExactlyItsBackoffOnTheWallClock() {
    admit(
        units(
            "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"flaky_once\"},"
                + "\"retries\":{\"max_attempts\":2,\"backoff_ms\":500}}"));
    cpu.readValue();
    fail("a", 0, T0.plusMillis(10));
    assertThat(eventTypes()).endsWith(EventTypes.UNIT_RETRY_SCHEDULED);

    driver.advanceWallClockTime(Duration.ofMillis(400));
    assertThat(cpu.isEmpty()).as("not before the backoff has elapsed").isTrue();

    driver.advanceWallClockTime(Duration.ofMillis(200));
    WorkUnitDispatch retry = cpu.readValue();
    assertThat(retry.getAttemptIndex()).isEqualTo(1);
  }

  @Test
  void theLastFailedAttemptEndsTheSessionWithRetryExhausted() {
    admit(CHAIN);
    cpu.readValue();

    fail("a", 0, T0.plusMillis(10));

    SessionResult result = results.readValue();
    assertThat(result.getStopReason()).isEqualTo(StopReason.retry_exhausted);
    assertThat(result.getTelemetry().getUnits())
        .extracting(u -> u.getStatus())
        .containsExactly("failed", "cancelled");
    assertThat(cpu.isEmpty()).isTrue();
  }

  @Test
  void eventsOfAnUnknownSessionAreIgnored() {
    eventsIn.pipeInput("nobody", completedEvent("nobody", "a", 0, "{}"));

    assertThat(events.isEmpty()).isTrue();
    assertThat(results.isEmpty()).isTrue();
  }

  private static final String CHAIN =
      units(
          "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}",
          "{\"id\":\"b\",\"type\":\"deterministic\",\"dependencies\":[\"a\"],\"run\":{\"handler\":\"echo\"}}");

  private static String units(String... units) {
    return "{\"schema_version\":\"1.0\",\"graph_id\":\"g-1\",\"request_id\":\"r-1\",\"tenant_id\":\"tenant-a\","
        + "\"created_at\":\"2026-01-01T00:00:00Z\",\"budgets\":{\"max_llm_calls\":5,\"max_cpu_units\":5,"
        + "\"max_tokens\":500,\"max_latency_ms\":60000},\"work_units\":["
        + String.join(",", units)
        + "]}";
  }

  private void admit(String json) {
    ParseOutcome outcome =
        new GraphParser(IngressLimits.defaults()).parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(outcome).isInstanceOf(ParseOutcome.Accepted.class);
    var graph = GraphCodec.toAvro(((ParseOutcome.Accepted) outcome).graph());
    admitted.pipeInput(SESSION, new SessionAdmitted(SESSION, T0, graph), T0);
  }

  private void complete(String unit, int attempt, String output) {
    eventsIn.pipeInput(SESSION, completedEvent(SESSION, unit, attempt, output), T0.plusMillis(5));
  }

  private void fail(String unit, int attempt, Instant at) {
    eventsIn.pipeInput(
        SESSION,
        envelope(
            SESSION,
            unit,
            attempt,
            EventTypes.UNIT_FAILED,
            at,
            new WorkUnitFailed(
                "node-1",
                Substrate.cpu,
                "DETERMINISTIC_EXEC_FAILED",
                "boom",
                1L,
                new Usage(1L, 0L, 0L, 0))),
        at);
  }

  private static Event completedEvent(String session, String unit, int attempt, String output) {
    return envelope(
        session,
        unit,
        attempt,
        EventTypes.UNIT_COMPLETED,
        T0.plusMillis(5),
        new WorkUnitCompleted("node-1", Substrate.cpu, output, 2L, new Usage(2L, 0L, 0L, 0)));
  }

  private static Event envelope(
      String session, String unit, int attempt, String type, Instant at, SpecificRecord payload) {
    return Event.newBuilder()
        .setEventId(EventIds.eventId(session, unit, attempt, type))
        .setEventType(type)
        .setTimestamp(at)
        .setTenantId("tenant-a")
        .setGraphId("g-1")
        .setSessionId(session)
        .setWorkUnitId(unit)
        .setAttemptIndex(attempt)
        .setSource(new EventSource("worker", "node-1"))
        .setPayload(payload)
        .build();
  }

  private List<String> eventTypes() {
    return events.readValuesToList().stream().map(Event::getEventType).toList();
  }

  private <V> TestOutputTopic<String, V> output(dev.krako.topics.Topic<String, V> topic) {
    return driver.createOutputTopic(
        topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
  }
}
