package dev.krako.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.graph.Activation;
import dev.krako.graph.SkipCondition;
import dev.krako.graph.WorkUnit;
import java.io.IOException;
import java.util.Objects;

/**
 * Evaluates the conditions a graph declares: an escalation step's {@code activation}, and KORA
 * 0.1's {@code skip_if}. Krako only evaluates them; it never adds a step.
 */
final class Escalation {

  /** The error code a worker reports when an output fails its output_schema. */
  static final String SCHEMA_MISMATCH = "SCHEMA_MISMATCH";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Escalation() {}

  /**
   * Whether the activation holds, once its dependency {@code of} has ended.
   *
   * <ul>
   *   <li>{@code failure}: the dependency failed (after its retries).
   *   <li>{@code schema_mismatch}: it failed because its output did not match its schema.
   *   <li>{@code confidence_below_threshold}: it completed with a numeric top-level {@code
   *       confidence} below the threshold (no confidence: the condition does not hold).
   *   <li>{@code budget_remaining}: at least {@code threshold} tokens remain in the session.
   * </ul>
   */
  static boolean holds(Activation activation, UnitRun of, BudgetLedger budget) {
    switch (activation.when()) {
      case FAILURE:
        return of.status() == UnitStatus.FAILED;
      case SCHEMA_MISMATCH:
        return of.status() == UnitStatus.FAILED && SCHEMA_MISMATCH.equals(of.errorCode());
      case CONFIDENCE_BELOW_THRESHOLD:
        JsonNode confidence = parse(of.outputJson()).path("confidence");
        return of.status() == UnitStatus.COMPLETED
            && confidence.isNumber()
            && confidence.doubleValue() < activation.threshold();
      case BUDGET_REMAINING:
      default:
        return budget.tokensRemaining() >= activation.threshold();
    }
  }

  /** Whether a failure of {@code unit} activates {@code escalation} (it is covered by it). */
  static boolean coversFailureOf(WorkUnit escalation, String unitId, UnitRun failed) {
    Activation a = escalation.activation();
    if (a == null || !a.of().equals(unitId)) {
      return false;
    }
    return a.when() == Activation.Condition.FAILURE
        || (a.when() == Activation.Condition.SCHEMA_MISMATCH
            && SCHEMA_MISMATCH.equals(failed.errorCode()));
  }

  /**
   * KORA's rule: skip when any direct dependency's output has the top-level key equal to the value
   * (a missing key reads as null).
   */
  static boolean skipIfMatches(SkipCondition skip, WorkUnit unit, Session session) {
    JsonNode expected = parse(skip.equalsJson());
    for (String dep : unit.dependencies()) {
      JsonNode value = parse(session.unit(dep).outputJson()).get(skip.key());
      JsonNode actual = value == null ? JSON.nullNode() : value;
      if (Objects.equals(actual, expected)) {
        return true;
      }
    }
    return false;
  }

  /** KORA's placeholder output of a unit skipped by skip_if. */
  static String skipPlaceholder(String unitId) {
    return JSON.createObjectNode()
        .put("status", "ok")
        .put("task_id", unitId)
        .put("skipped", true)
        .put("message", "Skipped due to skip_if condition")
        .toString();
  }

  private static JsonNode parse(String json) {
    if (json == null) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
