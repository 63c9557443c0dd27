package dev.krako.session;

import dev.krako.graph.TaskGraph;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Feeds inputs to {@link SessionDecider} the way the orchestration processor does: load the state,
 * decide, keep the next state if there is one. Time is an input: it starts at {@link #T0} and only
 * moves when a test advances it.
 */
final class SessionHarness {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final Usage ONE_CALL = new Usage(5, 100, 40, 1);

  private Optional<Session> state = Optional.empty();
  private Instant now = T0;

  Decision apply(SessionInput input) {
    Decision decision = SessionDecider.decide(state, input);
    decision.next().ifPresent(next -> state = Optional.of(next));
    return decision;
  }

  Decision admit(TaskGraph graph) {
    return apply(new SessionInput.Admit("s-1", graph, now));
  }

  Decision claim(String unit, int attempt) {
    return apply(new SessionInput.UnitClaimed(unit, attempt, "node-1", now));
  }

  Decision complete(String unit, int attempt) {
    return apply(
        new SessionInput.UnitCompleted(unit, attempt, "node-1", output(unit), 10, ONE_CALL, now));
  }

  Decision fail(String unit, int attempt) {
    return apply(new SessionInput.UnitFailed(unit, attempt, "node-1", "BOOM", 10, ONE_CALL, now));
  }

  Decision retryDue(String unit, int attempt) {
    return apply(new SessionInput.RetryDue(unit, attempt, now));
  }

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  Instant now() {
    return now;
  }

  Session session() {
    return state.orElseThrow();
  }

  Optional<Session> state() {
    return state;
  }

  static String output(String unit) {
    return "{\"from\":\"" + unit + "\"}";
  }

  static List<Effect.Dispatch> dispatches(Decision decision) {
    List<Effect.Dispatch> dispatches = new ArrayList<>();
    for (Effect effect : decision.effects()) {
      if (effect instanceof Effect.Dispatch dispatch) {
        dispatches.add(dispatch);
      }
    }
    return dispatches;
  }

  /** The ids of the units a decision dispatches, in dispatch order. */
  static List<String> dispatched(Decision decision) {
    return dispatches(decision).stream().map(d -> d.unit().id()).toList();
  }
}
