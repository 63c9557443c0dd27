package dev.krako.session;

import java.util.Locale;

/** Why a declared unit did not run. */
public enum SkipReason {
  /** A dependency failed for good, under continue_on_error. */
  DEPENDENCY_FAILED,
  /** A dependency was skipped because its activation did not hold; so is this unit. */
  DEPENDENCY_SKIPPED,
  /** The session ended (fail_fast, budget, deadline) before the unit ended. */
  SESSION_ENDED,
  /** KORA 0.1 skip_if matched a direct dependency's output. Dependents go on (KORA's rule). */
  SKIP_IF,
  /** The unit is an escalation step and its activation condition did not hold. */
  ACTIVATION_NOT_MET;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Whether dependents may run after a unit skipped for this reason: only after skip_if, which KORA
   * treats as a successful step with a placeholder output.
   */
  public boolean releasesDependents() {
    return this == SKIP_IF;
  }
}
