package dev.krako.session;

import java.time.Instant;

/**
 * One WorkUnitExecution: the state of one declared unit within a session.
 *
 * @param attemptIndex the 0-based index of the current (or last) attempt
 * @param attemptsUsed how many attempts have ended so far
 * @param outputJson the output of the completed attempt, else null
 * @param errorCode the error of the last failed attempt, else null
 * @param dispatchedAt when the current attempt was dispatched, else null
 * @param endedAt when the unit ended, else null
 * @param usage the sum over every attempt
 * @param nodeId the node that claimed the current attempt, else null
 */
public record UnitRun(
    UnitStatus status,
    int attemptIndex,
    int attemptsUsed,
    String outputJson,
    String errorCode,
    Instant dispatchedAt,
    Instant endedAt,
    long durationMs,
    Usage usage,
    String nodeId) {

  /** A unit that waits for its dependencies. */
  public static UnitRun waiting() {
    return new UnitRun(UnitStatus.WAITING, 0, 0, null, null, null, null, 0, Usage.NONE, null);
  }

  UnitRun dispatched(int attempt, Instant at) {
    return new UnitRun(
        UnitStatus.DISPATCHED,
        attempt,
        attemptsUsed,
        null,
        errorCode,
        at,
        null,
        durationMs,
        usage,
        null);
  }

  UnitRun claimed(String node) {
    return new UnitRun(
        UnitStatus.RUNNING,
        attemptIndex,
        attemptsUsed,
        null,
        errorCode,
        dispatchedAt,
        null,
        durationMs,
        usage,
        node);
  }

  UnitRun completed(String output, String node, long duration, Usage used, Instant at) {
    return new UnitRun(
        UnitStatus.COMPLETED,
        attemptIndex,
        attemptsUsed + 1,
        output,
        null,
        dispatchedAt,
        at,
        durationMs + duration,
        usage.plus(used),
        node);
  }

  UnitRun failed(
      UnitStatus next, int nextAttempt, String error, long duration, Usage used, Instant at) {
    return new UnitRun(
        next,
        nextAttempt,
        attemptsUsed + 1,
        null,
        error,
        dispatchedAt,
        next.terminal() ? at : null,
        durationMs + duration,
        usage.plus(used),
        nodeId);
  }

  UnitRun ended(UnitStatus terminal, Instant at) {
    return new UnitRun(
        terminal,
        attemptIndex,
        attemptsUsed,
        outputJson,
        errorCode,
        dispatchedAt,
        at,
        durationMs,
        usage,
        nodeId);
  }
}
