package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a deterministic handler sees: everything it may depend on, and nothing else.
 *
 * <p>The nodes are not copied: handlers must treat them as read-only.
 *
 * @param workUnitId KORA's {@code task_id}; echoed as {@code task_id} in every output
 * @param input the unit's {@code input} (KORA {@code in}), an object, possibly empty
 * @param args {@code run.args} (KORA {@code run.spec.args}), an object, possibly empty
 * @param dependencyIds the declared dependencies, in declaration order
 * @param dependencyOutputs the outputs of completed dependencies, by id
 * @param attemptIndex the 0-based attempt number of this unit within the run
 * @param runScope an id unique to one graph run (the session id)
 */
public record HandlerInvocation(
    String workUnitId,
    JsonNode input,
    JsonNode args,
    List<String> dependencyIds,
    Map<String, JsonNode> dependencyOutputs,
    int attemptIndex,
    String runScope) {

  /**
   * Checks and freezes the invocation.
   *
   * @throws NullPointerException if any component, dependency id or output is null
   * @throws IllegalArgumentException if {@code attemptIndex} is negative
   */
  public HandlerInvocation {
    Objects.requireNonNull(workUnitId, "workUnitId");
    Objects.requireNonNull(input, "input");
    Objects.requireNonNull(args, "args");
    dependencyIds = List.copyOf(dependencyIds);
    dependencyOutputs = Map.copyOf(dependencyOutputs);
    Objects.requireNonNull(runScope, "runScope");
    if (attemptIndex < 0) {
      throw new IllegalArgumentException("attemptIndex must be >= 0, got " + attemptIndex);
    }
  }
}
