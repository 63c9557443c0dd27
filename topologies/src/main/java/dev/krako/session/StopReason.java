package dev.krako.session;

/** The closed set of stop reasons of CONTRACT.md section 6. */
public enum StopReason {
  SUCCESS,
  RETRY_EXHAUSTED,
  DEPENDENCY_FAILED,
  BUDGET_EXHAUSTED,
  SUBSTRATE_FAILURE,
  ADMISSION_REJECTED,
  VALIDATION_FAILED
}
