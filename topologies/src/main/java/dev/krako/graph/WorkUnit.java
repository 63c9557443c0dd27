package dev.krako.graph;

import java.util.List;
import java.util.Objects;

/**
 * One declared unit of work. Its input and run specification are opaque JSON text to the
 * orchestrator: only the executor interprets them.
 *
 * @param budgetTokens null when the unit declares no token cap
 * @param runTimeoutMs null when the unit declares no run timeout
 * @param outputSchemaJson null when the unit declares no output schema
 */
public record WorkUnit(
    String id,
    UnitType type,
    List<String> dependencies,
    String inputJson,
    String runJson,
    Privacy privacy,
    boolean trustedNodeRequired,
    Long budgetTokens,
    int maxAttempts,
    long backoffMs,
    Long runTimeoutMs,
    boolean idempotent,
    String outputSchemaJson) {

  public WorkUnit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    dependencies = List.copyOf(dependencies);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("A unit has at least one attempt, not " + maxAttempts);
    }
  }
}
