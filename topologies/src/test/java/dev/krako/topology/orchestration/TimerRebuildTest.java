package dev.krako.topology.orchestration;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionState;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitFailed;
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
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The orchestrator's timers and leases live in memory only (docs/adr/027-timers-in-memory.md): a
 * session runs on the driver up to some point, then its task starts again elsewhere from the stored
 * sessions alone, and every timer that was due still fires there. Each restart also checks that the
 * rebuilt timers are among those the live run had set (the same formulas, the same due times) and
 * the rebuilt leases among the live leases.
 */
class TimerRebuildTest {

  private static final String SESSION = "session-1";
  private static final OrchestrationConfig CONFIG =
      OrchestrationConfig.defaults(TOPICS, "orchestrator-test")
          .withSessionRetention(Duration.ofMinutes(1));
  private static final Duration LEASE = CONFIG.leaseLength();
  private static final Duration GRACE = CONFIG.leaseProbeGrace();

  @TempDir Path stateDir;
  @TempDir Path restartDir;

  private TopologyTestDriver driver;
  private TestInputTopic<String, SessionAdmitted> admitted;
  private TestInputTopic<String, Event> reports;
  private Instant now = T0;

  @BeforeEach
  void start() {
    driver =
        new TopologyTestDriver(
            OrchestrationTopology.build(CONFIG),
            TopologyTestSupport.properties("krako-rebuild-test", stateDir),
            T0);
    admitted = TopologyTestSupport.input(driver, TOPICS.admitted());
    reports = TopologyTestSupport.input(driver, TOPICS.reports());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void aSilentWorkerIsLostAfterARestartOneLeaseLengthAfterIt() {
    admit(2, "");
    claim(0);
    advance(Duration.ofSeconds(3));

    RestartedTask task = restart();
    Instant restartedAt = now;
    assertThat(task.leaseKeys()).hasSize(1);
    task.advanceTo(restartedAt.plus(LEASE).minusMillis(500));
    assertThat(task.probes()).as("a takeover gives the claim a whole lease").isEmpty();

    task.advanceTo(restartedAt.plus(LEASE).plusMillis(200));
    assertThat(task.probes()).hasSize(1);
    task.advanceTo(restartedAt.plus(LEASE).plus(GRACE).plusMillis(400));

    assertThat(task.cpuDispatches())
        .extracting(WorkUnitDispatch::getAttemptIndex)
        .containsExactly(1);
    assertThat(errorCode(task.session(SESSION))).isEqualTo(SessionDecider.WORKER_LOST);
  }

  @Test
  void aTaskInitialisedAgainReplacesItsTimersInsteadOfDoublingThem() {
    admit(2, ",\"timeouts\":{\"run_timeout_ms\":60000}");
    claim(0);
    RestartedTask task = restart();
    Set<String> before = task.timerKeys();

    task.initAgainAt(now.plusSeconds(1));

    assertThat(task.timerKeys()).hasSameSizeAs(before);
    assertThat(task.leaseKeys()).hasSize(1);
  }

  @Test
  void aRunTimeoutCountsFromTheClaimAcrossARestart() {
    admit(2, ",\"timeouts\":{\"run_timeout_ms\":4000}");
    advance(Duration.ofSeconds(1));
    claim(0);
    Instant claimedAt = now;
    advance(Duration.ofSeconds(1));

    RestartedTask task = restart();
    task.advanceTo(claimedAt.plusMillis(3900));
    assertThat(task.cpuDispatches()).isEmpty();
    task.advanceTo(claimedAt.plusMillis(4100));

    assertThat(task.cpuDispatches())
        .extracting(WorkUnitDispatch::getAttemptIndex)
        .containsExactly(1);
    assertThat(errorCode(task.session(SESSION))).isEqualTo(SessionDecider.RUN_TIMEOUT);
  }

  @Test
  void aRetryWaitsOutItsBackoffAcrossARestart() {
    admit(2, "", 5000);
    claim(0);
    advance(Duration.ofSeconds(1));
    fail(0);
    Instant failedAt = now;
    advance(Duration.ofSeconds(1));

    RestartedTask task = restart();
    task.advanceTo(failedAt.plusMillis(4900));
    assertThat(task.cpuDispatches()).as("not before the backoff").isEmpty();
    task.advanceTo(failedAt.plusMillis(5100));

    assertThat(task.cpuDispatches())
        .extracting(WorkUnitDispatch::getAttemptIndex)
        .containsExactly(1);
  }

  @Test
  void aDispatchTimeoutStillFiresAfterARestart() {
    admit(1, ",\"timeouts\":{\"dispatch_timeout_ms\":3000}");
    advance(Duration.ofSeconds(1));

    RestartedTask task = restart();
    task.advanceTo(T0.plusMillis(3100));

    SessionState state = task.session(SESSION);
    assertThat(errorCode(state)).isEqualTo(SessionDecider.DISPATCH_TIMEOUT);
    assertThat(state.getStatus()).isNotEqualTo(SessionStatus.running);
  }

  @Test
  void theDeadlineStillEndsASessionAfterARestart() {
    admit(2, "");
    advance(Duration.ofSeconds(1));

    RestartedTask task = restart();
    task.advanceTo(T0.plusMillis(20_100));

    assertThat(task.session(SESSION).getStopReason()).isEqualTo(StopReason.budget_exhausted);
  }

  @Test
  void aFinishedSessionIsStillEvictedAfterARestart() {
    admit(1, "");
    claim(0);
    advance(Duration.ofSeconds(1));
    complete(0);
    Instant endedAt = now;
    advance(Duration.ofSeconds(1));

    RestartedTask task = restart();
    assertThat(task.leaseKeys()).isEmpty();
    task.advanceTo(endedAt.plus(CONFIG.sessionRetention()).minusMillis(100));
    assertThat(task.session(SESSION)).isNotNull();
    task.advanceTo(endedAt.plus(CONFIG.sessionRetention()).plusMillis(100));

    assertThat(task.session(SESSION)).isNull();
    assertThat(task.timerKeys()).isEmpty();
  }

  @Test
  void theClaimedReplicasOfAVerifiedAttemptGetTheirLeasesBack() {
    admit(1, ",\"verification_mode\":\"quorum\"");
    claimReplica(0, "node-1");
    claimReplica(1, "node-2");

    RestartedTask task = restart();

    assertThat(task.leaseKeys()).isEqualTo(RestartedTask.keys(leases()));
    assertThat(task.leaseKeys()).hasSize(2);
  }

  @Test
  void aChainRebuildsWhatTheLiveRunSetAtEveryStep() {
    admitUnits(
        "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
            + "\"timeouts\":{\"dispatch_timeout_ms\":3000,\"run_timeout_ms\":8000}}",
        "{\"id\":\"b\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
            + "\"dependencies\":[\"a\"],\"retries\":{\"max_attempts\":2,\"backoff_ms\":2000}}",
        "{\"id\":\"c\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
            + "\"dependencies\":[\"b\"],\"verification_mode\":\"recompute\"}");
    List<Runnable> steps =
        List.of(
            () -> {}, // a dispatched, waiting for its claim
            () -> claim("a", 0),
            () -> complete("a", 0),
            () -> claim("b", 0),
            () -> fail("b", 0),
            () -> advance(Duration.ofMillis(2200)), // the retry's backoff: attempt 1 dispatched
            () -> claim("b", 1),
            () -> complete("b", 1),
            () -> claimReplica("c", 0, "node-1"),
            () -> claimReplica("c", 1, "node-2"),
            () -> completeReplica("c", 0, "node-1"),
            () -> completeReplica("c", 1, "node-2"));
    Set<String> kinds = new TreeSet<>();
    for (Runnable step : steps) {
      advance(Duration.ofMillis(300));
      step.run();
      RestartedTask task = restart();
      assertThat(task.leaseKeys())
          .as("every live lease is rebuilt")
          .isEqualTo(RestartedTask.keys(leases()));
      task.timerKeys().forEach(k -> kinds.add(k.split("\u001f")[2]));
    }
    assertThat(kinds)
        .contains("DEADLINE", "DISPATCH_TIMEOUT", "RUN_TIMEOUT", "RETRY", "LEASE", "EVICT");
  }

  /**
   * Starts the task again from the driver's sessions, at the driver's wall clock, after checking
   * that what it rebuilt agrees with what the live run set.
   */
  private RestartedTask restart() {
    RestartedTask task = new RestartedTask(CONFIG, RestartedTask.copy(sessions()), now, restartDir);
    Set<String> live = RestartedTask.keys(driver.getKeyValueStore(OrchestrationNames.TIMERS_STORE));
    assertThat(withoutLeases(task.timerKeys()))
        .as("every rebuilt timer was set by the live run, for the same time")
        .isSubsetOf(live);
    assertThat(task.leaseKeys()).isSubsetOf(RestartedTask.keys(leases()));
    return task;
  }

  private static Set<String> withoutLeases(Set<String> timerKeys) {
    return timerKeys.stream()
        .filter(k -> !k.contains("\u001f" + SessionTimers.Kind.LEASE.name() + "\u001f"))
        .collect(Collectors.toSet());
  }

  private KeyValueStore<String, SessionState> sessions() {
    return driver.getKeyValueStore(OrchestrationNames.SESSIONS_STORE);
  }

  private KeyValueStore<String, Long> leases() {
    return driver.getKeyValueStore(OrchestrationNames.LEASES_STORE);
  }

  private static String errorCode(SessionState state) {
    return SessionCodec.toDomain(state).unit("a").errorCode();
  }

  private void advance(Duration d) {
    now = now.plus(d);
    driver.advanceWallClockTime(d);
  }

  private void admit(int maxAttempts, String unitFields) {
    admit(maxAttempts, unitFields, 0);
  }

  /** One unit "a", a 20 s max latency. */
  private void admit(int maxAttempts, String unitFields, long backoffMs) {
    admitUnits(
        "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
            + "\"retries\":{\"max_attempts\":"
            + maxAttempts
            + ",\"backoff_ms\":"
            + backoffMs
            + "}"
            + unitFields
            + "}");
  }

  /** A graph of these units, a 20 s max latency. */
  private void admitUnits(String... units) {
    String json =
        "{\"schema_version\":\"1.0\",\"graph_id\":\"g-1\",\"request_id\":\"r-1\","
            + "\"tenant_id\":\"tenant-a\",\"created_at\":\"2026-01-01T00:00:00Z\","
            + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":9,\"max_tokens\":0,"
            + "\"max_latency_ms\":20000},\"work_units\":["
            + String.join(",", units)
            + "]}";
    ParseOutcome outcome =
        new GraphParser(IngressLimits.defaults()).parse(json.getBytes(StandardCharsets.UTF_8));
    assertThat(outcome).isInstanceOf(ParseOutcome.Accepted.class);
    var graph = GraphCodec.toAvro(((ParseOutcome.Accepted) outcome).graph());
    admitted.pipeInput(SESSION, new SessionAdmitted(SESSION, T0, graph), T0);
  }

  private void claim(int attempt) {
    claim("a", attempt);
  }

  private void claim(String unit, int attempt) {
    pipe(
        unit, attempt, null, EventTypes.UNIT_CLAIMED, new WorkUnitClaimed("node-1", Substrate.cpu));
  }

  private void claimReplica(int replica, String node) {
    claimReplica("a", replica, node);
  }

  private void claimReplica(String unit, int replica, String node) {
    pipe(unit, 0, replica, EventTypes.UNIT_CLAIMED, new WorkUnitClaimed(node, Substrate.cpu));
  }

  private void complete(int attempt) {
    complete("a", attempt);
  }

  private void complete(String unit, int attempt) {
    pipe(
        unit,
        attempt,
        null,
        EventTypes.UNIT_COMPLETED,
        new WorkUnitCompleted("node-1", Substrate.cpu, "{}", 2L, new Usage(2L, 0L, 0L, 0)));
  }

  private void completeReplica(String unit, int replica, String node) {
    pipe(
        unit,
        0,
        replica,
        EventTypes.UNIT_COMPLETED,
        new WorkUnitCompleted(node, Substrate.cpu, "{}", 2L, new Usage(2L, 0L, 0L, 0)));
  }

  private void fail(int attempt) {
    fail("a", attempt);
  }

  private void fail(String unit, int attempt) {
    pipe(
        unit,
        attempt,
        null,
        EventTypes.UNIT_FAILED,
        new WorkUnitFailed(
            "node-1", Substrate.cpu, "HANDLER_ERROR", "boom", 2L, new Usage(2L, 0L, 0L, 0)));
  }

  private void pipe(
      String unit, int attempt, Integer replica, String type, SpecificRecord payload) {
    reports.pipeInput(
        SESSION,
        WorkerReports.report(SESSION, unit, attempt, replica, "node-1", type, payload, now),
        now);
  }
}
