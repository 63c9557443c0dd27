package dev.krako.session;

import dev.krako.graph.TaskGraph;
import java.time.Instant;

/** Everything that can happen to a session, as the orchestrator sees it. */
public sealed interface SessionInput {

  /** When it happened: record time, never the wall clock of the deciding process. */
  Instant at();

  /**
   * Ingress admitted a graph under this session id.
   *
   * @param quorumSize N of the session's quorum units (the orchestrator's configuration)
   */
  record Admit(String sessionId, TaskGraph graph, Instant at, int quorumSize)
      implements SessionInput {

    /** An admission with the default quorum size. */
    public Admit(String sessionId, TaskGraph graph, Instant at) {
      this(sessionId, graph, at, Session.DEFAULT_QUORUM_SIZE);
    }
  }

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

  /** A worker claimed one replica of a verified attempt. */
  record ReplicaClaimed(String unitId, int attempt, int replica, String nodeId, Instant at)
      implements SessionInput {}

  /**
   * One replica of a verified attempt ended: completed with an output, or failed with an error.
   *
   * @param nodeId null when the replica failed before any node claimed it
   * @param outputJson null when it failed
   * @param errorCode null when it completed
   */
  record ReplicaEnded(
      String unitId,
      int attempt,
      int replica,
      String nodeId,
      String outputJson,
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

  /**
   * The worker that claimed an attempt (or one replica of it) stopped renewing its lease: it is
   * presumed gone (SIGKILL, a lost host, a partition), and the attempt fails with {@code
   * WORKER_LOST} long before its run timeout (docs/adr/016-heartbeats-and-leases.md).
   *
   * @param replica the replica whose lease expired; null for an unreplicated attempt
   */
  record LeaseExpired(String unitId, int attempt, Integer replica, Instant at)
      implements SessionInput {}

  /** The session's max_latency_ms has elapsed. */
  record DeadlineReached(Instant at) implements SessionInput {}
}
