package dev.krako.session;

import dev.krako.graph.WorkUnit;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the orchestrator must do after a decision, in order. */
public sealed interface Effect {

  /**
   * A worker claimed an attempt (or one replica of it): its lease starts now, and the worker keeps
   * it with heartbeats (docs/adr/016-heartbeats-and-leases.md).
   *
   * @param replica the claimed replica of a verified attempt; null for an unreplicated attempt
   */
  record LeaseStarted(String unitId, int attempt, Integer replica) implements Effect {}

  /** The session has started (execution.session.started). */
  record SessionStarted(int unitCount) implements Effect {}

  /**
   * Hand an attempt to a pool: a workunit.scheduled event plus a dispatch record, written together.
   *
   * @param dependencyOutputs the outputs of the unit's completed dependencies, by id
   * @param tokenGrant the tokens this attempt (each replica of it) may use (model units), else null
   * @param replicaIndex which replica of a verified attempt this is; 0 when it is not replicated
   * @param replicaCount the attempt's replicas; 1 when it is not replicated
   * @param excludeNodes the nodes that already claimed a replica of the attempt
   */
  record Dispatch(
      WorkUnit unit,
      int attempt,
      Substrate substrate,
      Map<String, String> dependencyOutputs,
      Long tokenGrant,
      int replicaIndex,
      int replicaCount,
      List<String> excludeNodes)
      implements Effect {

    public Dispatch {
      // Map.copyOf refuses null values, and a skipped dependency may have no output.
      dependencyOutputs =
          java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependencyOutputs));
      excludeNodes = List.copyOf(excludeNodes);
    }

    /** An unreplicated attempt. */
    public Dispatch(
        WorkUnit unit,
        int attempt,
        Substrate substrate,
        Map<String, String> dependencyOutputs,
        Long tokenGrant) {
      this(unit, attempt, substrate, dependencyOutputs, tokenGrant, 0, 1, List.of());
    }

    /** Whether this is one replica of a verified attempt. */
    public boolean replicated() {
      return replicaCount > 1;
    }
  }

  /**
   * The verdict on a verified attempt's replicas: the attempt's one terminal outcome
   * (workunit.completed or workunit.failed written by the orchestrator, with the votes).
   *
   * @param usage the real usage of every replica of the attempt together
   */
  record VerdictReached(
      String unitId,
      int attempt,
      Substrate substrate,
      Quorum.Verdict verdict,
      long durationMs,
      Usage usage)
      implements Effect {}

  /** An attempt failed and another will follow after its backoff (workunit.retry.scheduled). */
  record RetryScheduled(String unitId, int nextAttempt, long backoffMs, Instant dueAt)
      implements Effect {}

  /** The unit will not run (workunit.skipped). */
  record UnitSkipped(String unitId, int attempt, SkipReason reason) implements Effect {}

  /** The session has ended (execution.session.completed or .failed) and its result is due. */
  record SessionEnded(SessionStatus status, StopReason reason, long totalLatencyMs)
      implements Effect {}
}
