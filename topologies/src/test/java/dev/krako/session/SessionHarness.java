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

  /** A completion with this output and usage. */
  Decision complete(String unit, int attempt, String outputJson, Usage usage) {
    return apply(
        new SessionInput.UnitCompleted(unit, attempt, "node-1", outputJson, 10, usage, now));
  }

  /** A completion with this output (and {@link #ONE_CALL}'s usage). */
  Decision complete(String unit, int attempt, String outputJson) {
    return complete(unit, attempt, outputJson, ONE_CALL);
  }

  /** A failure with this error code and usage. */
  Decision fail(String unit, int attempt, String errorCode, Usage usage) {
    return apply(new SessionInput.UnitFailed(unit, attempt, "node-1", errorCode, 10, usage, now));
  }

  /** An attempt timer firing: {@code DISPATCH_TIMEOUT} or {@code RUN_TIMEOUT}. */
  Decision timeout(String unit, int attempt, String errorCode) {
    return apply(new SessionInput.AttemptTimedOut(unit, attempt, errorCode, now));
  }

  /** The session deadline timer firing. */
  Decision deadline() {
    return apply(new SessionInput.DeadlineReached(now));
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

  /** The skips a decision announces, in order. */
  static List<Effect.UnitSkipped> skips(Decision decision) {
    List<Effect.UnitSkipped> skips = new ArrayList<>();
    for (Effect effect : decision.effects()) {
      if (effect instanceof Effect.UnitSkipped skip) {
        skips.add(skip);
      }
    }
    return skips;
  }

  /** Tokens a unit used (what its workers reported) plus tokens reserved for its attempt. */
  static long tokensHeld(Session session) {
    return session.units().values().stream()
        .mapToLong(r -> r.usage().tokensIn() + r.usage().tokensOut() + r.reservedTokens())
        .sum();
  }

  /** The ids of the units a decision dispatches, in dispatch order. */
  static List<String> dispatched(Decision decision) {
    return dispatches(decision).stream().map(d -> d.unit().id()).toList();
  }
}
