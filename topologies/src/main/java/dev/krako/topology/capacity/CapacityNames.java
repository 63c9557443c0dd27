package dev.krako.topology.capacity;

/**
 * The names of the capacity topology's processors, stores and internal topics. Store and
 * repartition names are a compatibility surface: never rename one without a migration.
 */
public final class CapacityNames {

  /** Capacity is its own Kafka Streams application: it scales and fails apart from the others. */
  public static final String APPLICATION_ID = "krako-capacity";

  /** The one key of krako.admission.commands and krako.admission.mode. */
  public static final String ADMISSION_KEY = "admission";

  public static final String EVENTS_SOURCE = "events-source";
  public static final String KEEP_BACKLOG_EVENTS = "events-keep-backlog";

  /** Each partition of krako.events folds its own backlog and summarizes it (ADR 028). */
  public static final String SUMMARIZE = "backlog-summarize";

  /**
   * One partition: the summaries of every partition are judged in one place. Was {@code
   * events-by-cluster} (every backlog event) before ADR 028.
   */
  public static final String BY_CLUSTER = "summaries-by-cluster";

  public static final String TRACK = "backlog-track";
  public static final String COMMANDS_SOURCE = "commands-source";
  public static final String APPLY_COMMAND = "commands-apply";
  public static final String DECISIONS_MERGE = "decisions-merge";
  public static final String DECISIONS_SPLIT = "decisions-";
  public static final String EVENT_BRANCH = "event";
  public static final String STATUS_BRANCH = "status";
  public static final String EVENT_CAST = "decisions-event-cast";
  public static final String EVENTS_SINK = "decisions-events-sink";
  public static final String STATUS_CAST = "decisions-status-cast";
  public static final String STATUS_SINK = "decisions-status-sink";

  /**
   * Per partition of krako.events: {@code pool␟session␟unit␟attempt} → scheduled time (epoch ms) of
   * an unclaimed attempt. Was {@code capacity-waiting} (one partition) before ADR 028.
   */
  public static final String WAITING_STORE = "capacity-partition-waiting";

  /**
   * Per partition of krako.events: {@code kind␟pool␟second(13 digits, epoch ms)} → WorkBucket
   * (count, claim latency total ms; 16 bytes): the window's claims (kind {@code claim}) and
   * completions (kind {@code done}) per second. Was {@code capacity-recent-seconds} (one partition)
   * before ADR 028, {@code capacity-recent} (one entry per attempt) before ADR 021.
   */
  public static final String RECENT_STORE = "capacity-partition-recent-seconds";

  /**
   * Per partition of krako.events: {@code pool␟node id} → when the node last reported up (epoch
   * ms). Was {@code capacity-nodes} (one partition) before ADR 028.
   */
  public static final String NODES_STORE = "capacity-partition-nodes";

  /** {@code pool␟partition} → PoolSummary: the latest summary of each partition (ADR 028). */
  public static final String SUMMARIES_STORE = "capacity-summaries";

  /** {@code admission} → AdmissionStatus: the mode in force. */
  public static final String ADMISSION_STORE = "capacity-admission";

  /** {@code pool␟size|at|sequence} → the last scale request of the pool. */
  public static final String SCALE_STORE = "capacity-scale";

  static final char SEPARATOR = '\u001f';

  private CapacityNames() {}
}
