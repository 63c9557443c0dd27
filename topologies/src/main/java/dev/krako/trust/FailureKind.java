package dev.krako.trust;

import java.util.Set;

/**
 * What a failed attempt says about the node that ran it, read from the {@code error_code} of its
 * {@code workunit.failed}, and how much it weighs against the node's score.
 */
public enum FailureKind {
  /** The node's output disagreed with its verification ({@code SCHEMA_MISMATCH}): weighs 2. */
  VERIFICATION_DISAGREEMENT(2),
  /**
   * The attempt ran out of time ({@code RUN_TIMEOUT}, {@code DISPATCH_TIMEOUT}): weighs 1. Today
   * only the orchestrator sees these, and it names no node; a worker that reports one is counted.
   */
  TIMEOUT(1),
  /**
   * The graph, not the node, is at fault: the run cannot become a model request ({@code
   * LLM_RUN_INVALID}), the output schema cannot be used ({@code OUTPUT_SCHEMA_UNUSABLE}), or the
   * dispatch granted fewer tokens than the unit needs ({@code TOKEN_GRANT_EXCEEDED}). Every node
   * would fail the same way, so it weighs 0.
   */
  GRAPH_FAULT(0),
  /**
   * Any other code ({@code LLM_CALL_FAILED}, {@code DETERMINISTIC_EXEC_FAILED}, {@code
   * NO_EXECUTOR}, a code this build does not know): weighs 1.
   */
  NODE_FAILURE(1);

  public static final String SCHEMA_MISMATCH = "SCHEMA_MISMATCH";

  private static final Set<String> TIMEOUTS = Set.of("RUN_TIMEOUT", "DISPATCH_TIMEOUT");
  private static final Set<String> GRAPH_FAULTS =
      Set.of("LLM_RUN_INVALID", "OUTPUT_SCHEMA_UNUSABLE", "TOKEN_GRANT_EXCEEDED");

  private final int weight;

  FailureKind(int weight) {
    this.weight = weight;
  }

  /** How many failures this one counts for in the score. */
  public int weight() {
    return weight;
  }

  public static FailureKind of(String errorCode) {
    if (SCHEMA_MISMATCH.equals(errorCode)) {
      return VERIFICATION_DISAGREEMENT;
    }
    if (TIMEOUTS.contains(errorCode)) {
      return TIMEOUT;
    }
    if (GRAPH_FAULTS.contains(errorCode)) {
      return GRAPH_FAULT;
    }
    return NODE_FAILURE;
  }
}
