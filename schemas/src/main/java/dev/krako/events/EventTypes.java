package dev.krako.events;

/** The event types of CONTRACT.md section 6: dotted, lower case, a closed set. */
public final class EventTypes {

  public static final String SESSION_STARTED = "execution.session.started";
  public static final String SESSION_COMPLETED = "execution.session.completed";
  public static final String SESSION_FAILED = "execution.session.failed";
  public static final String UNIT_SCHEDULED = "workunit.scheduled";
  public static final String UNIT_CLAIMED = "workunit.claimed";
  public static final String UNIT_STARTED = "workunit.started";
  public static final String UNIT_COMPLETED = "workunit.completed";
  public static final String UNIT_FAILED = "workunit.failed";
  public static final String UNIT_SKIPPED = "workunit.skipped";
  public static final String UNIT_RETRY_SCHEDULED = "workunit.retry.scheduled";
  public static final String LLM_STARTED = "llm.invocation.started";
  public static final String LLM_COMPLETED = "llm.invocation.completed";
  public static final String LLM_FAILED = "llm.invocation.failed";
  public static final String CAPACITY_SCALE_REQUESTED = "capacity.scale.requested";
  public static final String ADMISSION_MODE_CHANGED = "capacity.admission.mode.changed";
  public static final String NODE_HEALTH_UPDATED = "node.health.updated";
  public static final String VALIDATION_FAILED = "validation.failed";

  private EventTypes() {}
}
