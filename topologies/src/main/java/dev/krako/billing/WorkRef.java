package dev.krako.billing;

/**
 * Whose work an entry bills: the tenant pays, the session and unit say for what.
 *
 * @param graphId may be null: it describes the entry but plays no part in billing
 */
public record WorkRef(
    String tenantId, String graphId, String sessionId, String workUnitId, int attemptIndex) {

  public WorkRef {
    Ids.require(tenantId, "tenant_id");
    Ids.require(sessionId, "session_id");
    Ids.require(workUnitId, "work_unit_id");
    if (attemptIndex < 0) {
      throw new UnbillableEventException("An attempt index is never negative: " + attemptIndex);
    }
  }
}
