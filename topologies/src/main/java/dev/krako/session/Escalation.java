package dev.krako.session;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.graph.Activation;
import dev.krako.graph.SkipCondition;
import dev.krako.graph.WorkUnit;
import java.io.IOException;
import java.math.BigDecimal;

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
      if (pythonEquals(actual, expected)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Python's {@code ==} on JSON values, which is how KORA's executor compares: numbers by value
   * ({@code 1 == 1.0}), booleans as 1 and 0 ({@code True == 1}), containers element by element.
   */
  private static boolean pythonEquals(JsonNode a, JsonNode b) {
    if ((a.isNumber() || a.isBoolean()) && (b.isNumber() || b.isBoolean())) {
      return number(a).compareTo(number(b)) == 0;
    }
    if ((a.isArray() && b.isArray()) || (a.isObject() && b.isObject())) {
      if (a.size() != b.size()) {
        return false;
      }
      if (a.isArray()) {
        for (int i = 0; i < a.size(); i++) {
          if (!pythonEquals(a.get(i), b.get(i))) {
            return false;
          }
        }
        return true;
      }
      for (var field : a.properties()) {
        JsonNode other = b.get(field.getKey());
        if (other == null || !pythonEquals(field.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static BigDecimal number(JsonNode n) {
    if (n.isBoolean()) {
      return n.booleanValue() ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    return n.decimalValue();
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
