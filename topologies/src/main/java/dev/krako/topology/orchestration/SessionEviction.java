package dev.krako.topology.orchestration;

import dev.krako.graph.WorkUnit;
import dev.krako.session.Session;
import dev.krako.session.UnitRun;
import java.time.Duration;
import java.time.Instant;
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
  private final SessionLeases leases;
  private final Duration retention;

  SessionEviction(
      SessionCache sessions,
      SessionTimers timers,
      SessionLeases leases,
      OrchestrationConfig config) {
    this.sessions = sessions;
    this.timers = timers;
    this.leases = leases;
    this.retention = config.sessionRetention();
  }

  /** Sets the eviction timer of a session that has just ended. */
  void scheduleFor(Session ended) {
    timers.schedule(
        ended.endedAt().plus(retention), ended.sessionId(), SessionTimers.Kind.EVICT, null, 0);
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
        "Session {} evicted {} after it ended (with {} leases still held).",
        sessionId,
        retention,
        held);
  }

  /**
   * The timers {@link OrchestrationProcessor} set that the session's state still names: its
   * deadline and each unit's last dispatch timeout.
   */
  private void cancelTimers(Session s) {
    String id = s.sessionId();
    timers.cancel(
        s.startedAt().plusMillis(s.graph().budgets().maxLatencyMs()),
        id,
        SessionTimers.Kind.DEADLINE,
        null,
        0);
    for (WorkUnit unit : s.graph().workUnits()) {
      UnitRun run = s.unit(unit.id());
      Instant dispatched = run.dispatchedAt();
      if (dispatched == null) {
        continue;
      }
      // The run timeout counts from the claim, which the state does not keep: that timer fires on
      // the evicted session later and changes nothing, like an earlier attempt's.
      if (unit.dispatchTimeoutMs() != null) {
        timers.cancel(
            dispatched.plusMillis(unit.dispatchTimeoutMs()),
            id,
            SessionTimers.Kind.DISPATCH_TIMEOUT,
            unit.id(),
            run.attemptIndex());
      }
    }
  }
}
