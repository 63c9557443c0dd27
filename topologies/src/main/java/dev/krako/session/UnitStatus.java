package dev.krako.session;

/** Where one WorkUnitExecution stands. */
public enum UnitStatus {
  WAITING,
  DISPATCHED,
  RUNNING,
  RETRY_WAIT,
  COMPLETED,
  FAILED,
  SKIPPED,
  CANCELLED;

  /** Whether the unit has ended: nothing will change it any more. */
  public boolean terminal() {
    return this == COMPLETED || this == FAILED || this == SKIPPED || this == CANCELLED;
  }
}
