package dev.krako.session;

import dev.krako.graph.WorkUnit;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The readiness gate. A waiting unit is dispatched once every dependency has completed (or was
 * skipped by skip_if, which KORA treats as a step done) and its own conditions hold; it is skipped
 * once it can no longer run. Ready units are dispatched in code-point order of their ids, as KORA's
 * executor orders them, so the same state always gives the same dispatch sequence.
 */
final class Readiness {

  private Readiness() {}

  /** What the gate says about one waiting unit. */
  private record Gate(boolean ready, SkipReason skip) {
    static final Gate WAIT = new Gate(false, null);
    static final Gate READY = new Gate(true, null);

    static Gate skip(SkipReason reason) {
      return new Gate(false, reason);
    }
  }

  /** Dispatches and skips until nothing changes, then ends the session if every unit ended. */
  static Session advance(Session session, Instant now, List<Effect> effects) {
    Session current = session;
    boolean changed = true;
    while (changed && current.running()) {
      changed = false;
      for (WorkUnit unit : waitingUnitsInOrder(current)) {
        Gate gate = gate(current, unit);
        if (gate.skip() != null) {
          current = skip(current, unit, gate.skip(), now, effects);
          changed = true;
        } else if (gate.ready()) {
          current = dispatch(current, unit, 0, now, effects);
          changed = true;
        }
        if (!current.running()) {
          break;
        }
      }
    }
    return current.running() && allEnded(current) ? end(current, now, effects) : current;
  }

  private static Gate gate(Session s, WorkUnit unit) {
    String watched = unit.activation() == null ? null : unit.activation().of();
    for (String dep : unit.dependencies()) {
      UnitRun run = s.unit(dep);
      if (!run.status().terminal()) {
        return Gate.WAIT;
      }
      if (dep.equals(watched)) {
        continue; // the activation decides what the watched dependency's outcome means
      }
      if (run.status() == UnitStatus.COMPLETED
          || (run.skipReason() != null && run.skipReason().releasesDependents())) {
        continue;
      }
      return Gate.skip(
          run.status() == UnitStatus.SKIPPED && run.skipReason() != SkipReason.DEPENDENCY_FAILED
              ? SkipReason.DEPENDENCY_SKIPPED
              : SkipReason.DEPENDENCY_FAILED);
    }
    if (watched != null
        && !Escalation.holds(unit.activation(), s.unit(watched), new BudgetLedger(s))) {
      return Gate.skip(SkipReason.ACTIVATION_NOT_MET);
    }
    if (unit.skipIf() != null && Escalation.skipIfMatches(unit.skipIf(), unit, s)) {
      return Gate.skip(SkipReason.SKIP_IF);
    }
    return Gate.READY;
  }

  private static Session skip(
      Session s, WorkUnit unit, SkipReason reason, Instant now, List<Effect> effects) {
    String output = reason == SkipReason.SKIP_IF ? Escalation.skipPlaceholder(unit.id()) : null;
    effects.add(new Effect.UnitSkipped(unit.id(), 0, reason));
    return s.withUnit(
        unit.id(), s.unit(unit.id()).skipped(UnitStatus.SKIPPED, reason, output, now));
  }

  /**
   * Dispatches an attempt when the budgets allow it; otherwise ends the session with
   * budget_exhausted (nothing more is dispatched, and budgets are never raised).
   */
  static Session dispatch(
      Session session, WorkUnit unit, int attempt, Instant now, List<Effect> effects) {
    Optional<Long> grant = new BudgetLedger(session).grant(unit);
    if (grant.isEmpty()) {
      return endFailed(session, StopReason.BUDGET_EXHAUSTED, now, effects);
    }
    Long tokens = grant.get() > 0 ? grant.get() : null;
    int replicas = Replication.count(session, unit);
    effects.add(
        new Effect.Dispatch(
            unit,
            attempt,
            PlacementPolicy.place(unit),
            dependencyOutputs(session, unit),
            tokens,
            0,
            replicas,
            List.of()));
    List<ReplicaRun> first = replicas > 1 ? List.of(ReplicaRun.dispatched(0)) : List.of();
    return session.withUnit(
        unit.id(), session.unit(unit.id()).dispatched(attempt, now, grant.get() * replicas, first));
  }

  /** The outputs a dispatch of the unit carries: of its dependencies that produced one. */
  static Map<String, String> dependencyOutputs(Session session, WorkUnit unit) {
    Map<String, String> outputs = new LinkedHashMap<>();
    for (String dep : unit.dependencies()) {
      // Only dependencies with an output: a failed one watched by an escalation step has none.
      String output = session.unit(dep).outputJson();
      if (output != null) {
        outputs.put(dep, output);
      }
    }
    return outputs;
  }

  /** Ends a session early: every unit that has not ended is cancelled. */
  static Session endFailed(Session session, StopReason reason, Instant now, List<Effect> effects) {
    Session current = session;
    for (Map.Entry<String, UnitRun> entry : session.units().entrySet()) {
      UnitRun run = entry.getValue();
      if (!run.status().terminal()) {
        current =
            current.withUnit(
                entry.getKey(),
                run.skipped(UnitStatus.CANCELLED, SkipReason.SESSION_ENDED, null, now));
        effects.add(
            new Effect.UnitSkipped(entry.getKey(), run.attemptIndex(), SkipReason.SESSION_ENDED));
      }
    }
    Session ended = current.ended(SessionStatus.FAILED, reason, now);
    effects.add(new Effect.SessionEnded(SessionStatus.FAILED, reason, latency(ended)));
    return ended;
  }

  /**
   * Whether a failed unit's failure is covered: an escalation step declared on it for failure (or
   * schema mismatch) exists and has not itself ended without completing.
   */
  static boolean covered(Session s, String unitId) {
    UnitRun failed = s.unit(unitId);
    return s.graph().workUnits().stream()
        .filter(u -> Escalation.coversFailureOf(u, unitId, failed))
        .map(u -> s.unit(u.id()).status())
        .anyMatch(st -> !st.terminal() || st == UnitStatus.COMPLETED);
  }

  private static Session end(Session session, Instant now, List<Effect> effects) {
    boolean failed =
        session.units().entrySet().stream()
            .anyMatch(
                e -> e.getValue().status() == UnitStatus.FAILED && !covered(session, e.getKey()));
    SessionStatus status = failed ? SessionStatus.FAILED : SessionStatus.COMPLETED;
    StopReason reason = failed ? StopReason.RETRY_EXHAUSTED : StopReason.SUCCESS;
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

  private static boolean allEnded(Session session) {
    return session.units().values().stream().allMatch(r -> r.status().terminal());
  }

  private static long latency(Session session) {
    return Duration.between(session.startedAt(), session.endedAt()).toMillis();
  }
}
