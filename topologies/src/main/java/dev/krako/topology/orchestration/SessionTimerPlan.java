package dev.krako.topology.orchestration;

import dev.krako.graph.WorkUnit;
import dev.krako.session.ReplicaRun;
import dev.krako.session.Session;
import dev.krako.session.UnitRun;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * When each of a session's timers is due, as a pure function of the session's state
 * (docs/adr/027-timers-in-memory.md). The orchestrator keeps its timers and leases in memory only:
 * it sets them live with these formulas, and sets them again from the stored sessions with {@link
 * #timers} whenever a task starts, so that both agree.
 *
 * <p>The rebuilt set may hold timers that no longer matter (a firing timer for something already
 * past is ignored by the decider), but never misses one that does: the deadline of a running
 * session, the eviction of an ended one, the dispatch timeout of an attempt not yet claimed, the
 * run timeout and the leases of a claimed one, the retry of a unit waiting for one.
 */
final class SessionTimerPlan {

  /**
   * One timer; {@code replica} is set on the lease timer of a replica only. A {@link
   * SessionTimers.Kind#LEASE} timer stands for a lease as well: its holder's lease starts afresh.
   */
  record Timer(
      Instant dueAt, SessionTimers.Kind kind, String unitId, int attempt, Integer replica) {}

  private final Duration retention;
  private final Duration defaultRunTimeout;
  private final Duration leaseLength;

  SessionTimerPlan(OrchestrationConfig config) {
    this.retention = config.sessionRetention();
    this.defaultRunTimeout = config.defaultRunTimeout();
    this.leaseLength = config.leaseLength();
  }

  /** The end of a session's max_latency_ms. */
  static Instant deadline(Session s) {
    return s.startedAt().plusMillis(s.graph().budgets().maxLatencyMs());
  }

  /** When an ended session is evicted. */
  Instant evictAt(Session ended) {
    return ended.endedAt().plus(retention);
  }

  /** When an attempt of the unit dispatched at {@code dispatchedAt} has waited too long. */
  static Instant dispatchTimeout(WorkUnit unit, Instant dispatchedAt) {
    return dispatchedAt.plusMillis(unit.dispatchTimeoutMs());
  }

  /**
   * When an attempt of the unit claimed at {@code claimedAt} has run too long: the run timeout
   * counts from the claim, so time spent in the dispatch queue is the dispatch timeout's to judge.
   */
  Instant runTimeout(WorkUnit unit, Instant claimedAt) {
    Long declared = unit.runTimeoutMs();
    return claimedAt.plus(declared == null ? defaultRunTimeout : Duration.ofMillis(declared));
  }

  /**
   * Every timer the session's state calls for, a task (re)starting at {@code now}. A claimed
   * attempt's lease starts afresh at {@code now}: the last heartbeat heard is not kept, so its
   * worker gets one lease length to be heard by this task (then the usual probe applies). A unit
   * stored before the claim and retry times were kept counts from its dispatch (its run timeout
   * comes earlier, never later) and waits a whole backoff from {@code now} (its retry comes later,
   * never earlier).
   */
  List<Timer> timers(Session s, Instant now) {
    if (!s.running()) {
      return List.of(new Timer(evictAt(s), SessionTimers.Kind.EVICT, null, 0, null));
    }
    List<Timer> timers = new ArrayList<>();
    timers.add(new Timer(deadline(s), SessionTimers.Kind.DEADLINE, null, 0, null));
    for (WorkUnit unit : s.graph().workUnits()) {
      UnitRun run = s.unit(unit.id());
      int attempt = run.attemptIndex();
      switch (run.status()) {
        case DISPATCHED -> {
          if (unit.dispatchTimeoutMs() != null) {
            timers.add(
                new Timer(
                    dispatchTimeout(unit, run.dispatchedAt()),
                    SessionTimers.Kind.DISPATCH_TIMEOUT,
                    unit.id(),
                    attempt,
                    null));
          }
        }
        case RUNNING -> {
          Instant claimedAt = run.claimedAt() != null ? run.claimedAt() : run.dispatchedAt();
          timers.add(
              new Timer(
                  runTimeout(unit, claimedAt),
                  SessionTimers.Kind.RUN_TIMEOUT,
                  unit.id(),
                  attempt,
                  null));
          leases(unit, run, now.plus(leaseLength), timers);
        }
        case RETRY_WAIT -> {
          Instant due = run.retryAt() != null ? run.retryAt() : now.plusMillis(unit.backoffMs());
          timers.add(new Timer(due, SessionTimers.Kind.RETRY, unit.id(), attempt, null));
        }
        default -> {
          // waiting for its dependencies, or ended: no timer
        }
      }
    }
    return timers;
  }

  /** The lease timers of a claimed attempt: its own, or one per claimed replica. */
  private static void leases(WorkUnit unit, UnitRun run, Instant expiresAt, List<Timer> timers) {
    if (run.replicas().isEmpty()) {
      timers.add(
          new Timer(expiresAt, SessionTimers.Kind.LEASE, unit.id(), run.attemptIndex(), null));
      return;
    }
    for (ReplicaRun replica : run.replicas()) {
      if (replica.status() == ReplicaRun.Status.CLAIMED) {
        timers.add(
            new Timer(
                expiresAt,
                SessionTimers.Kind.LEASE,
                unit.id(),
                run.attemptIndex(),
                replica.index()));
      }
    }
  }
}
