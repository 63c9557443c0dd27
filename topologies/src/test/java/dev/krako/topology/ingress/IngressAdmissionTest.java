package dev.krako.topology.ingress;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.AdmissionStatus;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.StopReason;
import dev.krako.avro.Violation;
import dev.krako.capacity.AdmissionRates;
import dev.krako.capacity.TenantRate;
import dev.krako.events.EventIds;
import dev.krako.topology.TopologyTestSupport;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingress in each admission mode, with small rates: normal 1/s burst 3, throttled 1/s burst 1. */
class IngressAdmissionTest {

  private static final AdmissionRates RATES =
      new AdmissionRates(new TenantRate(1, 3), new TenantRate(1, 1));

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, byte[]> graphs;
  private TestInputTopic<String, AdmissionStatus> mode;
  private TestOutputTopic<String, SessionAdmitted> admitted;
  private TestOutputTopic<String, GraphRejected> rejected;
  private TestOutputTopic<String, SessionResult> results;

  @BeforeEach
  void start() {
    driver =
        new TopologyTestDriver(
            IngressTopology.build(IngressConfig.defaults(TOPICS, "ingress-test").withRates(RATES)),
            TopologyTestSupport.properties("krako-ingress-admission-test", stateDir),
            T0);
    graphs =
        driver.createInputTopic(
            TOPICS.taskGraphs().name(),
            TOPICS.taskGraphs().keySerde().serializer(),
            TOPICS.taskGraphs().valueSerde().serializer());
    mode =
        driver.createInputTopic(
            TOPICS.admissionMode().name(),
            TOPICS.admissionMode().keySerde().serializer(),
            TOPICS.admissionMode().valueSerde().serializer());
    admitted =
        driver.createOutputTopic(
            TOPICS.admitted().name(),
            TOPICS.admitted().keySerde().deserializer(),
            TOPICS.admitted().valueSerde().deserializer());
    rejected =
        driver.createOutputTopic(
            TOPICS.rejected().name(),
            TOPICS.rejected().keySerde().deserializer(),
            TOPICS.rejected().valueSerde().deserializer());
    results =
        driver.createOutputTopic(
            TOPICS.results().name(),
            TOPICS.results().keySerde().deserializer(),
            TOPICS.results().valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void submit(String tenant, String request, Instant at) {
    graphs.pipeInput(
        "g-" + request, IngressTopologyTest.chain("g-" + request, tenant, request), at);
  }

  private void setMode(String value) {
    mode.pipeInput("admission", new AdmissionStatus(value, "operator", "test", true, T0, 1L), T0);
  }

  @Test
  void inNormalModeAFloodingTenantIsHeldToItsRateAndOthersAreNot() {
    for (int i = 0; i < 10; i++) {
      submit("tenant-a", "a-" + i, T0);
    }
    submit("tenant-b", "b-0", T0);
    submit("tenant-a", "a-late", T0.plusSeconds(1));

    assertThat(admitted.readValuesToList())
        .extracting(a -> a.getGraph().getRequestId())
        .containsExactly("a-0", "a-1", "a-2", "b-0", "a-late");
    var refusals = rejected.readValuesToList();
    assertThat(refusals).hasSize(7);
    assertThat(refusals)
        .allSatisfy(
            r -> {
              assertThat(r.getTenantId()).isEqualTo("tenant-a");
              assertThat(r.getViolations())
                  .extracting(Violation::getCode)
                  .containsExactly("TENANT_RATE_EXCEEDED");
            });
    assertThat(refusals.get(0).getViolations().get(0).getMessage())
        .contains("normal admission rate", "retry in 1000 ms");
    var answers = results.readKeyValuesToList();
    assertThat(answers).hasSize(7);
    assertThat(answers.get(0).key).isEqualTo(EventIds.sessionId("tenant-a", "a-3"));
    assertThat(answers.get(0).value.getStopReason()).isEqualTo(StopReason.admission_rejected);
    assertThat(answers.get(0).value.getStatus()).isEqualTo(SessionStatus.failed);
  }

  /**
   * A backlog reaches the admission task out of timestamp order (TopologyKillIT: after a failover,
   * graphs well within the rate were refused because a late record's own timestamp lay seconds
   * behind the tenant's next arrival time). Late records count at the stream time instead.
   */
  @Test
  void recordsArrivingOutOfTimestampOrderAreHeldToTheRateAtStreamTime() {
    submit("tenant-a", "a-0", T0.plusSeconds(5));
    submit("tenant-a", "a-1", T0);
    submit("tenant-a", "a-2", T0.plusSeconds(1));
    submit("tenant-a", "a-3", T0.plusSeconds(2));

    assertThat(admitted.readValuesToList())
        .extracting(a -> a.getGraph().getRequestId())
        .containsExactly("a-0", "a-1", "a-2");
    assertThat(rejected.readValue().getViolations().get(0).getMessage())
        .contains("retry in 1000 ms");
  }

  @Test
  void throttledModeHoldsEachTenantToTheLowerRate() {
    setMode("throttled");
    submit("tenant-a", "a-0", T0);
    submit("tenant-a", "a-1", T0);
    submit("tenant-b", "b-0", T0);

    assertThat(admitted.readValuesToList())
        .extracting(a -> a.getGraph().getRequestId())
        .containsExactly("a-0", "b-0");
    assertThat(rejected.readValue().getViolations().get(0).getMessage())
        .contains("throttled admission rate");
  }

  @Test
  void rejectingModeRefusesNewGraphsStartsNothingAndStillAnswersDuplicates() {
    submit("tenant-a", "before", T0);
    assertThat(admitted.readValuesToList()).hasSize(1);
    setMode("rejecting");

    submit("tenant-a", "new", T0.plusSeconds(10));
    submit("tenant-a", "before", T0.plusSeconds(10));

    assertThat(admitted.isEmpty()).as("no session, no dispatch").isTrue();
    var answers = rejected.readValuesToList();
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0).getViolations())
        .extracting(Violation::getCode)
        .containsExactly("ADMISSION_REJECTED");
    assertThat(answers.get(0).getViolations().get(0).getMessage())
        .isEqualTo("Krako is rejecting new graphs (operator: test)");
    assertThat(answers.get(0).getExistingSessionId()).isNull();
    assertThat(answers.get(1).getViolations())
        .extracting(Violation::getCode)
        .containsExactly("DUPLICATE_REQUEST");
    assertThat(answers.get(1).getExistingSessionId())
        .isEqualTo(EventIds.sessionId("tenant-a", "before"));
    SessionResult answer = results.readValue();
    assertThat(answer.getStopReason()).isEqualTo(StopReason.admission_rejected);
    assertThat(answer.getSessionId()).isEqualTo(EventIds.sessionId("tenant-a", "new"));
    assertThat(results.isEmpty()).isTrue();

    // The refused request left no trace: once the mode is normal again it is admitted.
    setMode("normal");
    submit("tenant-a", "new", T0.plusSeconds(20));
    assertThat(admitted.readValue().getSessionId())
        .isEqualTo(EventIds.sessionId("tenant-a", "new"));
  }
}
