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
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitHeartbeat;
import dev.krako.events.EventTypes;
import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.session.SessionDecider;
import dev.krako.topology.TopologyTestSupport;
import dev.krako.topology.codec.GraphCodec;
import dev.krako.topology.codec.SessionCodec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leases through the orchestration topology: a claim starts one, heartbeats on {@code
 * krako.heartbeats} extend it, and when they stop the orchestrator probes (a probe on the heartbeat
 * topic, which the driver feeds back as the broker would) and, silence continuing for the probe's
 * grace, fails the attempt with {@code WORKER_LOST} on the wall clock, long before its 5-minute run
 * timeout.
 */
class LeaseTopologyTest {

  private static final String SESSION = "session-1";
  private static final Duration LEASE = OrchestrationConfig.DEFAULT_LEASE_LENGTH;
  private static final Duration GRACE =
      OrchestrationConfig.defaults(TOPICS, "orchestrator-test").leaseProbeGrace();

  @TempDir Path stateDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, SessionAdmitted> admitted;
  private TestInputTopic<String, Event> eventsIn;
  private TestInputTopic<String, WorkUnitHeartbeat> heartbeats;
  private TestOutputTopic<String, WorkUnitDispatch> cpu;
  private TestOutputTopic<String, SessionResult> results;
  private TestOutputTopic<String, WorkUnitHeartbeat> probes;
  private Instant now = T0;

  @BeforeEach
  void start() {
    driver =
        new TopologyTestDriver(
            OrchestrationTopology.build(OrchestrationConfig.defaults(TOPICS, "orchestrator-test")),
            TopologyTestSupport.properties("krako-lease-test", stateDir),
            T0);
    admitted = TopologyTestSupport.input(driver, TOPICS.admitted());
    eventsIn = TopologyTestSupport.input(driver, TOPICS.reports());
    heartbeats = TopologyTestSupport.input(driver, TOPICS.heartbeats());
    cpu = TopologyTestSupport.output(driver, TOPICS.dispatch(Substrate.cpu));
    results = TopologyTestSupport.output(driver, TOPICS.results());
    probes = TopologyTestSupport.output(driver, TOPICS.heartbeats());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void heartbeatsKeepALongUnitAndTheirSilenceFailsItWithWorkerLost() {
    admit(2);
    assertThat(cpu.readValue().getAttemptIndex()).isZero();
    claim(0);

    for (int beat = 0; beat < 15; beat++) { // 30 s, three lease lengths, always renewed
      advance(Duration.ofSeconds(2));
      heartbeat(0);
    }
    assertThat(cpu.isEmpty()).as("a worker that heartbeats keeps its unit").isTrue();
    assertThat(probes.isEmpty()).as("nothing to probe while the worker is heard").isTrue();

    advance(LEASE.minusMillis(500));
    assertThat(probes.isEmpty()).as("not before the lease has expired").isTrue();
    advance(Duration.ofMillis(700));
    WorkUnitHeartbeat probe = probes.readValue();
    assertThat(probe.getProbe()).isTrue();
    assertThat(probe.getNodeId()).isEqualTo("orchestrator-test");
    assertThat(cpu.isEmpty()).as("the probe's grace runs first").isTrue();

    advance(GRACE.plusMillis(200));
    assertThat(cpu.readValue().getAttemptIndex()).isEqualTo(1);
    assertThat(errorCode()).isEqualTo(SessionDecider.WORKER_LOST);
  }

  @Test
  void aWorkerHeardWithinTheProbesGraceKeepsItsUnit() {
    admit(2);
    cpu.readValue();
    claim(0);
    advance(LEASE.plusMillis(200)); // e.g. the broker was away: its heartbeats were lost
    assertThat(probes.readValue().getProbe()).isTrue();

    advance(Duration.ofSeconds(1));
    heartbeat(0); // the worker is back
    advance(GRACE.plusSeconds(1));
    assertThat(cpu.isEmpty()).as("a worker heard after the probe keeps its unit").isTrue();

    complete(0);
    assertThat(results.readValue().getStopReason()).isEqualTo(StopReason.success);
  }

  @Test
  void aLeaseAlreadyDueWhenItStartsIsCheckedByTheNextScan() {
    admit(2);
    cpu.readValue();
    advance(Duration.ofSeconds(60)); // hundreds of timer scans: the scan's start has moved on
    Instant current = now;
    now = current.minusSeconds(30); // a claim read late: its lease expired 20 s ago
    claim(0);
    now = current;

    advance(Duration.ofMillis(200));

    assertThat(probes.readValue().getProbe()).as("the lease is checked, not skipped").isTrue();
  }

  @Test
  void anOutcomeEndsTheLeaseSoNothingIsProbedAfterIt() {
    admit(2);
    cpu.readValue();
    claim(0);
    assertThat(leaseCount()).isEqualTo(1);

    advance(Duration.ofSeconds(1));
    complete(0);
    advance(LEASE.multipliedBy(2));

    assertThat(leaseCount()).isZero();
    assertThat(probes.isEmpty()).as("a finished attempt is not probed").isTrue();
    assertThat(results.readValue().getStopReason()).isEqualTo(StopReason.success);
  }

  @Test
  void aLateHeartbeatOrOutcomeOfTheLostAttemptChangesNothing() {
    admit(2);
    cpu.readValue();
    claim(0);
    advance(LEASE.plusMillis(200));
    advance(GRACE.plusMillis(200));
    assertThat(cpu.readValue().getAttemptIndex()).isEqualTo(1);
    SessionState lost = sessions().get(SESSION);

    heartbeat(0);
    complete(0);
    advance(LEASE.multipliedBy(3));

    assertThat(sessions().get(SESSION)).isEqualTo(lost);
    assertThat(cpu.isEmpty()).as("attempt 1 waits unclaimed: it has no lease to lose").isTrue();
    assertThat(results.isEmpty()).isTrue();
  }

  @Test
  void aLostLastAttemptEndsTheSessionWithRetryExhausted() {
    admit(1);
    cpu.readValue();
    claim(0);

    advance(LEASE.plusMillis(200));
    advance(GRACE.plusMillis(200));

    assertThat(results.readValue().getStopReason()).isEqualTo(StopReason.retry_exhausted);
  }

  private void advance(Duration d) {
    now = now.plus(d);
    driver.advanceWallClockTime(d);
  }

  private String errorCode() {
    return SessionCodec.toDomain(sessions().get(SESSION)).unit("a").errorCode();
  }

  private long leaseCount() {
    KeyValueStore<String, Long> leases = driver.getKeyValueStore(OrchestrationNames.LEASES_STORE);
    try (var all = leases.all()) {
      long n = 0;
      for (; all.hasNext(); all.next()) {
        n++;
      }
      return n;
    }
  }

  private KeyValueStore<String, SessionState> sessions() {
    return driver.getKeyValueStore(OrchestrationNames.SESSIONS_STORE);
  }

  private void admit(int maxAttempts) {
    String json =
        "{\"schema_version\":\"1.0\",\"graph_id\":\"g-1\",\"request_id\":\"r-1\","
            + "\"tenant_id\":\"tenant-a\",\"created_at\":\"2026-01-01T00:00:00Z\","
            + "\"budgets\":{\"max_llm_calls\":5,\"max_cpu_units\":5,\"max_tokens\":500,"
            + "\"max_latency_ms\":600000},\"work_units\":[{\"id\":\"a\",\"type\":\"deterministic\","
            + "\"run\":{\"handler\":\"echo\"},\"retries\":{\"max_attempts\":"
            + maxAttempts
            + ",\"backoff_ms\":0}}]}";
    ParseOutcome outcome =
        new GraphParser(IngressLimits.defaults()).parse(json.getBytes(StandardCharsets.UTF_8));
    var graph = GraphCodec.toAvro(((ParseOutcome.Accepted) outcome).graph());
    admitted.pipeInput(SESSION, new SessionAdmitted(SESSION, T0, graph), T0);
  }

  private void claim(int attempt) {
    pipe(attempt, EventTypes.UNIT_CLAIMED, new WorkUnitClaimed("node-1", Substrate.cpu));
  }

  private void complete(int attempt) {
    pipe(
        attempt,
        EventTypes.UNIT_COMPLETED,
        new WorkUnitCompleted("node-1", Substrate.cpu, "{}", 2L, new Usage(2L, 0L, 0L, 0)));
  }

  private void heartbeat(int attempt) {
    heartbeats.pipeInput(
        SESSION, new WorkUnitHeartbeat(SESSION, "a", attempt, null, "node-1", now, false), now);
  }

  private void pipe(int attempt, String type, SpecificRecord payload) {
    eventsIn.pipeInput(
        SESSION,
        WorkerReports.report(SESSION, "a", attempt, null, "node-1", type, payload, now),
        now);
  }
}
