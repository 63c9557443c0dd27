package dev.krako.topology.orchestration;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionState;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.avro.TaskGraph;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitHeartbeat;
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
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention of finished sessions (ADR 018): a session is kept for the retention after it ended,
 * then evicted with its leases and timers; whatever comes later for it is ignored, so it is never
 * re-created and never answered twice.
 */
class RetentionTopologyTest {

  private static final String SESSION = "session-1";

  /** Shorter than the lease, so that a lease is still held when its session is evicted. */
  private static final Duration RETENTION = Duration.ofSeconds(3);

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, SessionAdmitted> admitted;
  private TestInputTopic<String, Event> eventsIn;
  private TestInputTopic<String, WorkUnitHeartbeat> heartbeats;
  private TestOutputTopic<String, Event> eventsOut;
  private TestOutputTopic<String, WorkUnitDispatch> cpu;
  private TestOutputTopic<String, SessionResult> results;
  private Instant now = T0;

  @BeforeEach
  void start() {
    OrchestrationConfig config =
        OrchestrationConfig.defaults(TOPICS, "orchestrator-test").withSessionRetention(RETENTION);
    driver =
        new TopologyTestDriver(
            OrchestrationTopology.build(config),
            TopologyTestSupport.properties("krako-retention-test", stateDir),
            T0);
    admitted = TopologyTestSupport.input(driver, TOPICS.admitted());
    eventsIn = TopologyTestSupport.input(driver, TOPICS.reports());
    eventsOut = TopologyTestSupport.output(driver, TOPICS.events());
    heartbeats = TopologyTestSupport.input(driver, TOPICS.heartbeats());
    cpu = TopologyTestSupport.output(driver, TOPICS.dispatch(Substrate.cpu));
    results = TopologyTestSupport.output(driver, TOPICS.results());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aFinishedSessionIsKeptForTheRetentionThenEvictedWithItsTimers() {
    admit(oneUnit());
    assertThat(cpu.readValue().getWorkUnitId()).isEqualTo("a");
    claim("a", 0);
    complete("a", 0);
    assertThat(results.readValue().getStopReason()).isEqualTo(StopReason.success);
    assertThat(leases()).as("the outcome ended the lease").isEmpty();

    advance(RETENTION.minusMillis(300));
    assertThat(sessions().get(SESSION)).as("kept for the query API").isNotNull();

    advance(Duration.ofMillis(500));

    assertThat(sessions().get(SESSION)).isNull();
    assertThat(timers())
        .as("the deadline went with it; the run timeout (from the claim) and the lease check stay")
        .noneMatch(key -> key.contains("DEADLINE"))
        .allMatch(key -> key.contains("LEASE") || key.contains("RUN_TIMEOUT"));
    advance(OrchestrationConfig.defaults(TOPICS, "t").defaultRunTimeout());
    assertThat(timers()).as("each fired, found nothing and set nothing again").isEmpty();
    assertThat(sessions().get(SESSION)).isNull();
    assertThat(results.isEmpty()).isTrue();
  }

  @Test
  void lateEventsForAnEvictedSessionAreIgnored() {
    admit(oneUnit());
    cpu.readValue();
    claim("a", 0);
    complete("a", 0);
    results.readValue();
    advance(RETENTION.plusMillis(200));
    assertThat(sessions().get(SESSION)).isNull();
    eventsOut.readValuesToList();

    claim("a", 0);
    heartbeat("a", 0);
    complete("a", 0);
    fail("a", 0);
    advance(Duration.ofMinutes(10)); // past every lease, timeout and deadline the session had

    assertThat(sessions().get(SESSION)).as("never re-created").isNull();
    assertThat(results.isEmpty()).as("never answered twice").isTrue();
    assertThat(cpu.isEmpty()).isTrue();
    assertThat(eventsOut.isEmpty()).isTrue();
    assertThat(leases()).isEmpty();
    assertThat(timers()).isEmpty();
  }

  @Test
  void theRetentionCountsFromTheEndNotFromTheStart() {
    admit(oneUnit());
    cpu.readValue();
    claim("a", 0);
    for (int beat = 0; beat < 5; beat++) { // 10 s of running, more than the retention
      advance(Duration.ofSeconds(2));
      heartbeat("a", 0);
    }
    assertThat(sessions().get(SESSION)).as("a running session is never evicted").isNotNull();

    complete("a", 0);
    advance(RETENTION.minusMillis(300));
    assertThat(sessions().get(SESSION)).isNotNull();
    advance(Duration.ofMillis(500));
    assertThat(sessions().get(SESSION)).isNull();
  }

  @Test
  void aFailedSessionTakesTheTimersOfItsCancelledUnitsWithIt() {
    admit(twoIndependentUnits());
    assertThat(cpu.readValuesToList()).hasSize(2);
    fail("a", 0); // fail_fast: b, dispatched and never claimed, is cancelled
    assertThat(results.readValue().getStopReason()).isEqualTo(StopReason.retry_exhausted);
    assertThat(timers())
        .as(
            "b's dispatch timeout, the deadline, the eviction (no run timeout: nothing was claimed)")
        .hasSize(3);

    advance(RETENTION.plusMillis(200));

    assertThat(sessions().get(SESSION)).isNull();
    assertThat(timers()).isEmpty();
  }

  @Test
  void aRepeatedAdmissionBeforeTheEvictionChangesNothing() {
    admit(oneUnit());
    cpu.readValue();
    claim("a", 0);
    complete("a", 0);
    results.readValue();
    SessionState finished = sessions().get(SESSION);

    admit(oneUnit());

    assertThat(sessions().get(SESSION)).isEqualTo(finished);
    assertThat(cpu.isEmpty()).isTrue();
    assertThat(results.isEmpty()).isTrue();
  }

  private void advance(Duration d) {
    now = now.plus(d);
    driver.advanceWallClockTime(d);
  }

  private KeyValueStore<String, SessionState> sessions() {
    return driver.getKeyValueStore(OrchestrationNames.SESSIONS_STORE);
  }

  private List<String> timers() {
    return keys(driver.getKeyValueStore(OrchestrationNames.TIMERS_STORE));
  }

  private List<String> leases() {
    return keys(driver.getKeyValueStore(OrchestrationNames.LEASES_STORE));
  }

  private static <V> List<String> keys(KeyValueStore<String, V> store) {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, V> it = store.all()) {
      it.forEachRemaining((KeyValue<String, V> entry) -> keys.add(entry.key));
    }
    return keys;
  }

  private static String oneUnit() {
    return "[{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}}]";
  }

  private static String twoIndependentUnits() {
    return "[{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"}},"
        + "{\"id\":\"b\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
        + "\"timeouts\":{\"dispatch_timeout_ms\":60000}}]";
  }

  private void admit(String workUnits) {
    String json =
        "{\"schema_version\":\"1.0\",\"graph_id\":\"g-1\",\"request_id\":\"r-1\","
            + "\"tenant_id\":\"tenant-a\",\"created_at\":\"2026-01-01T00:00:00Z\","
            + "\"budgets\":{\"max_llm_calls\":5,\"max_cpu_units\":5,\"max_tokens\":500,"
            + "\"max_latency_ms\":600000},\"work_units\":"
            + workUnits
            + "}";
    ParseOutcome outcome =
        new GraphParser(IngressLimits.defaults()).parse(json.getBytes(StandardCharsets.UTF_8));
    TaskGraph graph = GraphCodec.toAvro(((ParseOutcome.Accepted) outcome).graph());
    admitted.pipeInput(SESSION, new SessionAdmitted(SESSION, now, graph), now);
  }

  private void claim(String unit, int attempt) {
    pipe(unit, attempt, EventTypes.UNIT_CLAIMED, new WorkUnitClaimed("node-1", Substrate.cpu));
  }

  private void complete(String unit, int attempt) {
    pipe(
        unit,
        attempt,
        EventTypes.UNIT_COMPLETED,
        new WorkUnitCompleted("node-1", Substrate.cpu, "{}", 2L, new Usage(2L, 0L, 0L, 0)));
  }

  private void fail(String unit, int attempt) {
    pipe(
        unit,
        attempt,
        EventTypes.UNIT_FAILED,
        new WorkUnitFailed(
            "node-1",
            Substrate.cpu,
            "DETERMINISTIC_EXEC_FAILED",
            "boom",
            1L,
            new Usage(1L, 0L, 0L, 0)));
  }

  private void heartbeat(String unit, int attempt) {
    heartbeats.pipeInput(
        SESSION, new WorkUnitHeartbeat(SESSION, unit, attempt, null, "node-1", now, false), now);
  }

  private void pipe(String unit, int attempt, String type, SpecificRecord payload) {
    eventsIn.pipeInput(
        SESSION,
        WorkerReports.report(SESSION, unit, attempt, null, "node-1", type, payload, now),
        now);
  }
}
