package dev.krako.session;

import java.time.Instant;
import java.util.List;

/**
 * One WorkUnitExecution: the state of one declared unit within a session.
 *
 * @param attemptIndex the 0-based index of the current (or last) attempt
 * @param attemptsUsed how many attempts have ended so far
 * @param outputJson the output of the completed attempt (or KORA's skip placeholder), else null
 * @param errorCode the error of the last failed attempt, else null
 * @param dispatchedAt when the current attempt was dispatched, else null
 * @param endedAt when the unit ended, else null
 * @param usage the sum over every attempt
 * @param nodeId the node that claimed the current attempt, else null
 * @param reservedTokens tokens granted to the attempt in flight (model units), else 0
 * @param skipReason why the unit was skipped or cancelled, else null
 * @param replicas the replicas of the attempt in flight of a quorum or recompute unit, else empty
 * @param claimedAt when the current attempt was claimed (by its first replica, for a verified
 *     attempt), else null; its run timeout counts from here, and the orchestrator sets that timer
 *     again from it after a restart (docs/adr/027-timers-in-memory.md)
 * @param retryAt when a unit waiting for a retry is due to be dispatched again, else null
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
    String nodeId,
    long reservedTokens,
    SkipReason skipReason,
    List<ReplicaRun> replicas,
    Instant claimedAt,
    Instant retryAt) {

  public UnitRun {
    replicas = List.copyOf(replicas);
  }

  /**
   * A unit run without replicas (its attempt is not verified by replicas, or none is in flight),
   * neither claimed nor waiting for a retry.
   */
  public UnitRun(
      UnitStatus status,
      int attemptIndex,
      int attemptsUsed,
      String outputJson,
      String errorCode,
      Instant dispatchedAt,
      Instant endedAt,
      long durationMs,
      Usage usage,
      String nodeId,
      long reservedTokens,
      SkipReason skipReason) {
    this(
        status,
        attemptIndex,
        attemptsUsed,
        outputJson,
        errorCode,
        dispatchedAt,
        endedAt,
        durationMs,
        usage,
        nodeId,
        reservedTokens,
        skipReason,
        List.of(),
        null,
        null);
  }

  /** A unit that waits for its dependencies. */
  public static UnitRun waiting() {
    return new UnitRun(
        UnitStatus.WAITING,
        0,
        0,
        null,
        null,
        null,
        null,
        0,
        Usage.NONE,
        null,
        0,
        null,
        List.of(),
        null,
        null);
  }

  /** Whether an attempt of this unit is in flight (dispatched or running). */
  public boolean inFlight() {
    return status == UnitStatus.DISPATCHED || status == UnitStatus.RUNNING;
  }

  UnitRun dispatched(int attempt, Instant at) {
    return dispatched(attempt, at, 0);
  }

  UnitRun dispatched(int attempt, Instant at, long tokens) {
    return dispatched(attempt, at, tokens, List.of());
  }

  UnitRun dispatched(int attempt, Instant at, long tokens, List<ReplicaRun> firstReplicas) {
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
        null,
        tokens,
        null,
        firstReplicas,
        null,
        null);
  }

  UnitRun claimed(String node, Instant at) {
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
        node,
        reservedTokens,
        null,
        replicas,
        at,
        null);
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
        node,
        0,
        null,
        List.of(),
        claimedAt,
        null);
  }

  /** The attempt failed; {@code retryAt} is when the next attempt is due, null when none waits. */
  UnitRun failed(
      UnitStatus next,
      int nextAttempt,
      String error,
      long duration,
      Usage used,
      Instant at,
      Instant retryAt) {
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
        nodeId,
        0,
        null,
        List.of(),
        claimedAt,
        retryAt);
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
        nodeId,
        0,
        skipReason,
        List.of(),
        claimedAt,
        null);
  }

  /** The same attempt, with its replicas as they are now. */
  UnitRun withReplicas(List<ReplicaRun> next) {
    return new UnitRun(
        status,
        attemptIndex,
        attemptsUsed,
        outputJson,
        errorCode,
        dispatchedAt,
        endedAt,
        durationMs,
        usage,
        nodeId,
        reservedTokens,
        skipReason,
        next,
        claimedAt,
        retryAt);
  }

  /**
   * The same attempt, claimed by its first replica's node at {@code at}, with its replicas as they
   * are now.
   */
  UnitRun claimedReplica(String node, Instant at, List<ReplicaRun> next) {
    return claimed(node, at).withReplicas(next);
  }

  /** Skipped or cancelled for a reason, with KORA's placeholder output after skip_if. */
  UnitRun skipped(UnitStatus terminal, SkipReason reason, String output, Instant at) {
    return new UnitRun(
        terminal,
        attemptIndex,
        attemptsUsed,
        output,
        errorCode,
        dispatchedAt,
        at,
        durationMs,
        usage,
        nodeId,
        0,
        reason,
        List.of(),
        claimedAt,
        null);
  }
}
