package dev.krako.session;

import dev.krako.graph.TaskGraph;
import java.time.Instant;

/** Everything that can happen to a session, as the orchestrator sees it. */
public sealed interface SessionInput {

  /** When it happened: record time, never the wall clock of the deciding process. */
  Instant at();

  /** Ingress admitted a graph under this session id. */
  record Admit(String sessionId, TaskGraph graph, Instant at) implements SessionInput {}

  /** A worker claimed an attempt. */
  record UnitClaimed(String unitId, int attempt, String nodeId, Instant at)
      implements SessionInput {}

  /** A worker finished an attempt with an output. */
  record UnitCompleted(
      String unitId,
      int attempt,
      String nodeId,
      String outputJson,
      long durationMs,
      Usage usage,
      Instant at)
      implements SessionInput {}

  /** A worker finished an attempt with an error. */
  record UnitFailed(
      String unitId,
      int attempt,
      String nodeId,
      String errorCode,
      long durationMs,
      Usage usage,
      Instant at)
      implements SessionInput {}

  /** A retry's backoff has elapsed. */
  record RetryDue(String unitId, int attempt, Instant at) implements SessionInput {}

  /**
   * An attempt had no outcome in time: not claimed within its dispatch timeout, or not finished
   * within its run timeout (its worker may have died). It counts as a failed attempt.
   *
   * @param errorCode {@code DISPATCH_TIMEOUT} or {@code RUN_TIMEOUT}
   */
  record AttemptTimedOut(String unitId, int attempt, String errorCode, Instant at)
      implements SessionInput {}

  /** The session's max_latency_ms has elapsed. */
  record DeadlineReached(Instant at) implements SessionInput {}
}
