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
 * @param dispatchTimeoutMs null when the unit declares no dispatch timeout
 * @param activation null unless the unit is an escalation step
 * @param skipIf null unless the unit carries KORA 0.1's skip_if
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
    String outputSchemaJson,
    Long dispatchTimeoutMs,
    Criticality criticality,
    VerificationMode verificationMode,
    Activation activation,
    SkipCondition skipIf) {

  public WorkUnit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(criticality, "criticality");
    Objects.requireNonNull(verificationMode, "verificationMode");
    dependencies = List.copyOf(dependencies);
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("A unit has at least one attempt, not " + maxAttempts);
    }
  }

  /** A unit with the contract's defaults for everything the first version did not read. */
  public WorkUnit(
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
    this(
        id,
        type,
        dependencies,
        inputJson,
        runJson,
        privacy,
        trustedNodeRequired,
        budgetTokens,
        maxAttempts,
        backoffMs,
        runTimeoutMs,
        idempotent,
        outputSchemaJson,
        null,
        Criticality.NORMAL,
        VerificationMode.NONE,
        null,
        null);
  }

  /** Whether the unit runs in every complete execution (not an escalation step, no skip rule). */
  public boolean mandatory() {
    return activation == null && skipIf == null;
  }
}
