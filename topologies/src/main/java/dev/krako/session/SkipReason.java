package dev.krako.session;

/** Why a declared unit did not run. */
public enum SkipReason {
  /** A dependency failed for good, under continue_on_error. */
  DEPENDENCY_FAILED,
  /** The session ended (fail_fast) before the unit started. */
  SESSION_ENDED;

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
