package dev.krako.topology.orchestration;

/**
 * The names of the orchestration topology's processors and stores. Store names are a compatibility
 * surface (they name changelog topics): never rename one without a migration.
 */
public final class OrchestrationNames {

  public static final String ADMITTED_SOURCE = "admitted-source";
  public static final String REPORTS_SOURCE = "reports-source";
  public static final String HEARTBEATS_SOURCE = "heartbeats-source";
  public static final String ORCHESTRATE = "sessions-orchestrate";
  public static final String SESSIONS_STORE = "orchestration-sessions";

  /** In memory, without a changelog (ADR 027). */
  public static final String TIMERS_STORE = "orchestration-timers";

  /** In memory, without a changelog (ADR 027). */
  public static final String LEASES_STORE = "orchestration-leases";

  public static final String EVENTS_SINK = "events-sink";
  public static final String RESULTS_SINK = "results-sink";
  public static final String DISPATCH_CPU_SINK = "dispatch-cpu-sink";
  public static final String DISPATCH_CPU_TRUSTED_SINK = "dispatch-cpu-trusted-sink";
  public static final String DISPATCH_LLM_SINK = "dispatch-llm-sink";

  /** Lease probes, written back to the heartbeat topic they are read from (ADR 016). */
  public static final String HEARTBEATS_SINK = "heartbeats-sink";

  private OrchestrationNames() {}
}
