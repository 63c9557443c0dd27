package dev.krako.topology.ingress;

/**
 * The names of the ingress topology's processors, stores and internal topics. Store and repartition
 * names are a compatibility surface: never rename one without a migration.
 */
public final class IngressNames {

  public static final String GRAPHS_SOURCE = "graphs-source";
  public static final String VALIDATE = "graphs-validate";
  public static final String VERDICT_SPLIT = "graphs-verdict-";
  public static final String REJECTED_BRANCH = "rejected";
  public static final String ACCEPTED_BRANCH = "accepted";
  public static final String REJECTED_CAST = "graphs-rejected-cast";
  public static final String REJECTED_SINK = "graphs-rejected-sink";
  public static final String VALIDATION_EVENT = "graphs-validation-event";
  public static final String VALIDATION_EVENTS_SINK = "graphs-validation-events-sink";
  public static final String ACCEPTED_CAST = "graphs-accepted-cast";

  /**
   * Accepted graphs by tenant id: a tenant's rate is decided in one place, and every submission of
   * one (tenant, request) still meets the same request index entry.
   */
  public static final String BY_TENANT_REPARTITION = "graphs-by-tenant";

  public static final String ADMIT = "sessions-admit";

  /** Session id → RequestIndexEntry: one session per (tenant_id, request_id). */
  public static final String REQUEST_INDEX_STORE = "ingress-request-index";

  /** Tenant id → the theoretical arrival time (epoch ms) of its next graph (GCRA). */
  public static final String TENANT_RATE_STORE = "ingress-tenant-rates";

  /** The global table of krako.admission.mode: the admission mode in force. */
  public static final String ADMISSION_MODE_STORE = "ingress-admission-mode";

  public static final String ADMISSION_MODE_SOURCE = "admission-mode-source";
  public static final String ADMIT_SPLIT = "sessions-admit-";
  public static final String ADMITTED_BRANCH = "admitted";
  public static final String RESULT_BRANCH = "result";
  public static final String REFUSED_BRANCH = "refused";
  public static final String ADMITTED_CAST = "sessions-admitted-cast";
  public static final String ADMITTED_SINK = "sessions-admitted-sink";
  public static final String RESULT_CAST = "sessions-result-cast";
  public static final String RESULTS_SINK = "sessions-results-sink";
  public static final String REFUSED_CAST = "sessions-refused-cast";
  public static final String REFUSED_SINK = "sessions-refused-sink";

  /** Headers that carry a submission's coordinates across the repartition. */
  static final String SOURCE_TOPIC_HEADER = "krako-source-topic";

  static final String SOURCE_PARTITION_HEADER = "krako-source-partition";
  static final String SOURCE_OFFSET_HEADER = "krako-source-offset";

  private IngressNames() {}
}
