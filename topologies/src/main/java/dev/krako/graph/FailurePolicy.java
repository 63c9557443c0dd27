package dev.krako.graph;

/** What a session does when a unit fails for good. */
public enum FailurePolicy {
  /** Stop the session: units not yet started are cancelled. */
  FAIL_FAST,
  /** Run every unit that can still run; units that needed the failed one are skipped. */
  CONTINUE_ON_ERROR
}
