package dev.krako.topology.orchestration;

import dev.krako.graph.WorkUnit;
import dev.krako.session.Session;
import dev.krako.session.UnitRun;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The retention of finished sessions (docs/adr/018-session-retention.md): a session that ends gets
 * an {@link SessionTimers.Kind#EVICT} timer at its end + the retention; when it fires, the session
 * state, its leases and the timers that can be named from its state (the deadline, the timeouts of
 * each unit's last attempt) are deleted. Anything that comes later for the session finds no state
 * and is ignored by the decider; a timer that could not be named (an earlier attempt's timeout, a
 * lease check, due within a lease length) fires at its own due time and does nothing.
 */
final class SessionEviction {

  private static final Logger LOG = LoggerFactory.getLogger(SessionEviction.class);

  private final SessionCache sessions;
  private final SessionTimers timers;
  private final SessionTimerPlan plan;
  private final SessionLeases leases;

  SessionEviction(
      SessionCache sessions, SessionTimers timers, SessionTimerPlan plan, SessionLeases leases) {
    this.sessions = sessions;
    this.timers = timers;
    this.plan = plan;
    this.leases = leases;
  }

  /** Sets the eviction timer of a session that has just ended. */
  void scheduleFor(Session ended) {
    timers.schedule(plan.evictAt(ended), ended.sessionId(), SessionTimers.Kind.EVICT, null, 0);
  }

  /** Evicts a finished session; a running or unknown one is left alone. */
  void evict(String sessionId) {
    Optional<Session> stored = sessions.get(sessionId);
    if (stored.isEmpty()) {
      return;
    }
    Session s = stored.get();
    if (s.running()) {
      // Only a session that ended has an eviction timer, and an ended session never runs again;
      // were it to happen, keeping the session is the safe side.
      LOG.warn("Session {} has an eviction timer but is running: it is kept.", sessionId);
      return;
    }
    cancelTimers(s);
    int held = leases.forgetSession(sessionId);
    sessions.delete(sessionId);
    LOG.info(
        "Session {} evicted at {}, its retention after it ended (with {} leases still held).",
        sessionId,
        plan.evictAt(s),
        held);
  }

  /**
   * The timers {@link OrchestrationProcessor} set that the session's state still names: its
   * deadline and each unit's last dispatch and run timeouts. An earlier attempt's timeouts, or a
   * verified attempt's later replicas' run timeouts, fire on the evicted session later and change
   * nothing.
   */
  private void cancelTimers(Session s) {
    String id = s.sessionId();
    timers.cancel(SessionTimerPlan.deadline(s), id, SessionTimers.Kind.DEADLINE, null, 0);
    for (WorkUnit unit : s.graph().workUnits()) {
      UnitRun run = s.unit(unit.id());
      if (run.dispatchedAt() != null && unit.dispatchTimeoutMs() != null) {
        timers.cancel(
            SessionTimerPlan.dispatchTimeout(unit, run.dispatchedAt()),
            id,
            SessionTimers.Kind.DISPATCH_TIMEOUT,
            unit.id(),
            run.attemptIndex());
      }
      if (run.claimedAt() != null) {
        timers.cancel(
            plan.runTimeout(unit, run.claimedAt()),
            id,
            SessionTimers.Kind.RUN_TIMEOUT,
            unit.id(),
            run.attemptIndex());
      }
    }
  }
}
