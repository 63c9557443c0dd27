package dev.krako.graph;

import java.util.Objects;

/**
 * Makes a unit an escalation step: it runs only when {@code when} holds for its dependency {@code
 * of}; otherwise it ends skipped.
 *
 * @param threshold required for {@code confidence_below_threshold} and {@code budget_remaining},
 *     else null
 */
public record Activation(Condition when, String of, Double threshold) {

  /** The declared escalation conditions (CONTRACT.md section 4). */
  public enum Condition {
    FAILURE("failure"),
    SCHEMA_MISMATCH("schema_mismatch"),
    CONFIDENCE_BELOW_THRESHOLD("confidence_below_threshold"),
    BUDGET_REMAINING("budget_remaining");

    private final String wireName;

    Condition(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }

    /** Whether this condition compares against a threshold. */
    public boolean needsThreshold() {
      return this == CONFIDENCE_BELOW_THRESHOLD || this == BUDGET_REMAINING;
    }
  }

  public Activation {
    Objects.requireNonNull(when, "when");
    Objects.requireNonNull(of, "of");
  }
}
