package dev.krako.session;

import dev.krako.graph.WorkUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The readiness gate: a waiting unit is dispatched once every dependency has completed, and is
 * skipped once a dependency can no longer complete. Ready units are dispatched in code-point order
 * of their ids, as KORA's executor orders them, so the same state always gives the same dispatch
 * sequence.
 */
final class Readiness {

  private Readiness() {}

  /** Dispatches and skips until nothing changes, then ends the session if every unit ended. */
  static Session advance(Session session, Instant now, List<Effect> effects) {
    Session current = session;
    boolean changed = true;
    while (changed && current.running()) {
      changed = false;
      for (WorkUnit unit : waitingUnitsInOrder(current)) {
        if (blocked(current, unit)) {
          current =
              current.withUnit(unit.id(), current.unit(unit.id()).ended(UnitStatus.SKIPPED, now));
          effects.add(new Effect.UnitSkipped(unit.id(), 0, SkipReason.DEPENDENCY_FAILED));
          changed = true;
        } else if (ready(current, unit)) {
          current = dispatch(current, unit, 0, now, effects);
          changed = true;
        }
      }
    }
    return current.running() && allEnded(current) ? end(current, now, effects) : current;
  }

  static Session dispatch(
      Session session, WorkUnit unit, int attempt, Instant now, List<Effect> effects) {
    Map<String, String> outputs = new LinkedHashMap<>();
    unit.dependencies().forEach(d -> outputs.put(d, session.unit(d).outputJson()));
    effects.add(new Effect.Dispatch(unit, attempt, PlacementPolicy.place(unit), outputs));
    return session.withUnit(unit.id(), session.unit(unit.id()).dispatched(attempt, now));
  }

  /** Ends a fail_fast session: every unit that has not ended is cancelled. */
  static Session endFailed(Session session, StopReason reason, Instant now, List<Effect> effects) {
    Session current = session;
    for (Map.Entry<String, UnitRun> entry : session.units().entrySet()) {
      UnitRun run = entry.getValue();
      if (!run.status().terminal()) {
        current = current.withUnit(entry.getKey(), run.ended(UnitStatus.CANCELLED, now));
        effects.add(
            new Effect.UnitSkipped(entry.getKey(), run.attemptIndex(), SkipReason.SESSION_ENDED));
      }
    }
    Session ended = current.ended(SessionStatus.FAILED, reason, now);
    effects.add(new Effect.SessionEnded(SessionStatus.FAILED, reason, latency(ended)));
    return ended;
  }

  private static Session end(Session session, Instant now, List<Effect> effects) {
    boolean anyFailed =
        session.units().values().stream().anyMatch(r -> r.status() == UnitStatus.FAILED);
    SessionStatus status = anyFailed ? SessionStatus.FAILED : SessionStatus.COMPLETED;
    StopReason reason = anyFailed ? StopReason.RETRY_EXHAUSTED : StopReason.SUCCESS;
    Session ended = session.ended(status, reason, now);
    effects.add(new Effect.SessionEnded(status, reason, latency(ended)));
    return ended;
  }

  private static List<WorkUnit> waitingUnitsInOrder(Session session) {
    return session.graph().workUnits().stream()
        .filter(u -> session.unit(u.id()).status() == UnitStatus.WAITING)
        .sorted(Comparator.comparing(WorkUnit::id, CodePointOrder.INSTANCE))
        .toList();
  }

  private static boolean ready(Session session, WorkUnit unit) {
    return unit.dependencies().stream()
        .allMatch(d -> session.unit(d).status() == UnitStatus.COMPLETED);
  }

  private static boolean blocked(Session session, WorkUnit unit) {
    return unit.dependencies().stream()
        .map(d -> session.unit(d).status())
        .anyMatch(s -> s.terminal() && s != UnitStatus.COMPLETED);
  }

  private static boolean allEnded(Session session) {
    return session.units().values().stream().allMatch(r -> r.status().terminal());
  }

  private static long latency(Session session) {
    return Duration.between(session.startedAt(), session.endedAt()).toMillis();
  }
}
