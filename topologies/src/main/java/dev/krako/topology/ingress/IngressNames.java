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
  public static final String BY_SESSION_REPARTITION = "graphs-by-session";
  public static final String DEDUPE = "sessions-dedupe";
  public static final String REQUEST_INDEX_STORE = "ingress-request-index";
  public static final String DEDUPE_SPLIT = "sessions-dedupe-";
  public static final String ADMITTED_BRANCH = "admitted";
  public static final String DUPLICATE_BRANCH = "duplicate";
  public static final String ADMITTED_CAST = "sessions-admitted-cast";
  public static final String ADMITTED_SINK = "sessions-admitted-sink";
  public static final String DUPLICATE_CAST = "sessions-duplicate-cast";
  public static final String DUPLICATE_SINK = "sessions-duplicate-sink";

  /** Headers that carry a submission's coordinates across the repartition. */
  static final String SOURCE_TOPIC_HEADER = "krako-source-topic";

  static final String SOURCE_PARTITION_HEADER = "krako-source-partition";
  static final String SOURCE_OFFSET_HEADER = "krako-source-offset";

  private IngressNames() {}
}
