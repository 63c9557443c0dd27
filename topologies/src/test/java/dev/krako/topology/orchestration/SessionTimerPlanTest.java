package dev.krako.topology.orchestration;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.TaskGraph;
import dev.krako.session.ReplicaRun;
import dev.krako.session.Session;
import dev.krako.session.SessionStatus;
import dev.krako.session.StopReason;
import dev.krako.session.UnitRun;
import dev.krako.session.UnitStatus;
import dev.krako.session.Usage;
import dev.krako.topology.orchestration.SessionTimerPlan.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The timers a stored session calls for when its task starts again (ADR 027). */
class SessionTimerPlanTest {

  private static final OrchestrationConfig CONFIG =
      OrchestrationConfig.defaults(TOPICS, "orchestrator-test")
          .withSessionRetention(Duration.ofMinutes(1));
  private static final SessionTimerPlan PLAN = new SessionTimerPlan(CONFIG);
  private static final Instant NOW = T0.plusSeconds(100);
  private static final Instant LEASE_END = NOW.plus(CONFIG.leaseLength());

  /**
   * Unit "d" declares a 3 s dispatch timeout, "r" a 4 s run timeout, "b" a 5 s backoff, "q" is a
   * quorum unit, "w" has nothing.
   */
  private static final TaskGraph GRAPH =
      graph(
          unit("d", "\"timeouts\":{\"dispatch_timeout_ms\":3000}"),
          unit("r", "\"timeouts\":{\"run_timeout_ms\":4000}"),
          unit("b", "\"retries\":{\"max_attempts\":3,\"backoff_ms\":5000}"),
          unit("q", "\"verification_mode\":\"quorum\""),
          unit("w", "\"retries\":{\"max_attempts\":1,\"backoff_ms\":0}"));

  @Test
  void anEndedSessionHasOnlyItsEviction() {
    Session ended =
        new Session(
            "s", GRAPH, SessionStatus.COMPLETED, StopReason.SUCCESS, T0, T0.plusSeconds(9), runs());

    assertThat(PLAN.timers(ended, NOW))
        .containsExactly(new Timer(T0.plusSeconds(69), SessionTimers.Kind.EVICT, null, 0, null));
  }

  @Test
  void aRunningSessionHasItsDeadlineAndTheTimersOfItsUnitsInFlight() {
    Map<String, UnitRun> units = runs();
    units.put("d", run(UnitStatus.DISPATCHED, 0, T0.plusSeconds(1), null, null, List.of()));
    units.put(
        "r", run(UnitStatus.RUNNING, 1, T0.plusSeconds(2), T0.plusSeconds(3), null, List.of()));
    units.put("b", run(UnitStatus.RETRY_WAIT, 2, T0, null, T0.plusSeconds(8), List.of()));
    units.put(
        "q",
        run(
            UnitStatus.RUNNING,
            0,
            T0,
            T0.plusSeconds(1),
            null,
            List.of(
                replica(0, ReplicaRun.Status.COMPLETED),
                replica(1, ReplicaRun.Status.CLAIMED),
                replica(2, ReplicaRun.Status.DISPATCHED))));

    assertThat(PLAN.timers(running(units), NOW))
        .containsExactlyInAnyOrder(
            new Timer(T0.plusSeconds(60), SessionTimers.Kind.DEADLINE, null, 0, null),
            new Timer(T0.plusSeconds(4), SessionTimers.Kind.DISPATCH_TIMEOUT, "d", 0, null),
            new Timer(T0.plusSeconds(7), SessionTimers.Kind.RUN_TIMEOUT, "r", 1, null),
            new Timer(LEASE_END, SessionTimers.Kind.LEASE, "r", 1, null),
            new Timer(T0.plusSeconds(8), SessionTimers.Kind.RETRY, "b", 2, null),
            new Timer(
                T0.plusSeconds(1).plus(CONFIG.defaultRunTimeout()),
                SessionTimers.Kind.RUN_TIMEOUT,
                "q",
                0,
                null),
            new Timer(LEASE_END, SessionTimers.Kind.LEASE, "q", 0, 1));
  }

  @Test
  void aStateStoredBeforeClaimAndRetryTimesWereKeptTimesOutEarlyAndRetriesLate() {
    Map<String, UnitRun> units = runs();
    units.put("r", run(UnitStatus.RUNNING, 0, T0.plusSeconds(2), null, null, List.of()));
    units.put("b", run(UnitStatus.RETRY_WAIT, 1, T0, null, null, List.of()));

    assertThat(PLAN.timers(running(units), NOW))
        .contains(
            new Timer(T0.plusSeconds(6), SessionTimers.Kind.RUN_TIMEOUT, "r", 0, null),
            new Timer(NOW.plusSeconds(5), SessionTimers.Kind.RETRY, "b", 1, null));
  }

  @Test
  void aDispatchedUnitWithoutADispatchTimeoutWaitsWithoutATimer() {
    Map<String, UnitRun> units = runs();
    units.put("w", run(UnitStatus.DISPATCHED, 0, T0, null, null, List.of()));

    assertThat(PLAN.timers(running(units), NOW))
        .containsExactly(new Timer(T0.plusSeconds(60), SessionTimers.Kind.DEADLINE, null, 0, null));
  }

  private static Session running(Map<String, UnitRun> units) {
    return new Session("s", GRAPH, SessionStatus.RUNNING, null, T0, null, units);
  }

  /** Every unit waiting, or completed: none has a timer. */
  private static Map<String, UnitRun> runs() {
    Map<String, UnitRun> units = new LinkedHashMap<>();
    GRAPH.workUnits().forEach(u -> units.put(u.id(), UnitRun.waiting()));
    units.put("w", run(UnitStatus.COMPLETED, 0, T0, T0, null, List.of()));
    return units;
  }

  private static UnitRun run(
      UnitStatus status,
      int attempt,
      Instant dispatchedAt,
      Instant claimedAt,
      Instant retryAt,
      List<ReplicaRun> replicas) {
    return new UnitRun(
        status,
        attempt,
        attempt,
        null,
        null,
        dispatchedAt,
        null,
        0,
        Usage.NONE,
        claimedAt == null ? null : "node-1",
        0,
        null,
        replicas,
        claimedAt,
        retryAt);
  }

  private static ReplicaRun replica(int index, ReplicaRun.Status status) {
    String node = status == ReplicaRun.Status.DISPATCHED ? null : "node-" + index;
    return new ReplicaRun(index, status, node, null, null, 0, Usage.NONE);
  }

  private static String unit(String id, String fields) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"deterministic\",\"run\":{\"handler\":\"echo\"},"
        + fields
        + "}";
  }

  private static TaskGraph graph(String... units) {
    String json =
        "{\"schema_version\":\"1.0\",\"graph_id\":\"g-1\",\"request_id\":\"r-1\","
            + "\"tenant_id\":\"tenant-a\",\"created_at\":\"2026-01-01T00:00:00Z\","
            + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":20,\"max_tokens\":0,"
            + "\"max_latency_ms\":60000},\"work_units\":["
            + String.join(",", units)
            + "]}";
    ParseOutcome outcome =
        new GraphParser(IngressLimits.defaults()).parse(json.getBytes(StandardCharsets.UTF_8));
    return ((ParseOutcome.Accepted) outcome).graph();
  }
}
