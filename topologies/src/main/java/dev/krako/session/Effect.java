package dev.krako.session;

import dev.krako.graph.WorkUnit;
import java.time.Instant;
import java.util.Map;

/** What the orchestrator must do after a decision, in order. */
public sealed interface Effect {

  /** The session has started (execution.session.started). */
  record SessionStarted(int unitCount) implements Effect {}

  /**
   * Hand an attempt to a pool: a workunit.scheduled event plus a dispatch record, written together.
   *
   * @param dependencyOutputs the outputs of the unit's completed dependencies, by id
   * @param tokenGrant the tokens this attempt may use (model units), else null
   */
  record Dispatch(
      WorkUnit unit,
      int attempt,
      Substrate substrate,
      Map<String, String> dependencyOutputs,
      Long tokenGrant)
      implements Effect {

    public Dispatch {
      // Map.copyOf refuses null values, and a skipped dependency may have no output.
      dependencyOutputs =
          java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(dependencyOutputs));
    }
  }

  /** An attempt failed and another will follow after its backoff (workunit.retry.scheduled). */
  record RetryScheduled(String unitId, int nextAttempt, long backoffMs, Instant dueAt)
      implements Effect {}

  /** The unit will not run (workunit.skipped). */
  record UnitSkipped(String unitId, int attempt, SkipReason reason) implements Effect {}

  /** The session has ended (execution.session.completed or .failed) and its result is due. */
  record SessionEnded(SessionStatus status, StopReason reason, long totalLatencyMs)
      implements Effect {}
}
