package dev.krako.topology.trust;

/**
 * The names of the trust topology's processors, stores and internal topics. Store and repartition
 * names are a compatibility surface (they name changelog and repartition topics): never rename one
 * without a migration.
 */
public final class TrustNames {

  /** Trust is its own Kafka Streams application: it scales and fails apart from the others. */
  public static final String APPLICATION_ID = "krako-trust";

  public static final String EVENTS_SOURCE = "events-source";

  /** Keeps the events about a node, keyed by the node's id, in their partition of krako.events. */
  public static final String KEY_BY_NODE = "events-key-by-node";

  public static final String DEDUPE = "events-dedupe";

  /**
   * Counted event id → event time (epoch ms), in a window store whose window start is that time
   * capped at the wall clock: one changelog record per counted id, none when it is forgotten (ADR
   * 023). Per partition of krako.events, where every copy of an event is (ADR 031).
   */
  public static final String DEDUPE_STORE = "trust-event-dedupe";

  /**
   * Event id → event time: the dedupe store before ADR 023, read and drained, never written, for
   * one horizon after an upgrade.
   */
  public static final String RETIRED_SEEN_STORE = "trust-seen";

  /**
   * {@code <event time, 19 digits>|<event id>} → event id: the index of {@link
   * #RETIRED_SEEN_STORE}, by which it is drained in time order.
   */
  public static final String RETIRED_SEEN_EXPIRY_STORE = "trust-seen-expiry";

  /** Folds each partition's node events and sends the changed nodes' totals (ADR 031). */
  public static final String PARTITION_TOTALS = "nodes-partition-totals";

  /** Node id → NodeTrust of the events of this partition of krako.events only. Cached. */
  public static final String PARTITION_NODES_STORE = "trust-partition-nodes";

  /**
   * Repartition of the partitions' node totals ({@code <node id>␟<partition>} → NodeTrust) by node
   * id, as the default partitioner places the node id.
   */
  public static final String BY_NODE = "partials-by-node";

  public static final String MERGE = "nodes-merge";

  /** {@code <node id>␟<partition>} → that partition's NodeTrust of the node, the latest. Cached. */
  public static final String PARTIALS_STORE = "trust-node-partials";

  /** Node id → NodeTrust: the merge of the node's partials, read by the query API. Cached. */
  public static final String NODES_STORE = "trust-nodes";

  public static final String TRUST_SINK = "trust-sink";

  /** Between the node id and the partition in the key of a partial (the ASCII unit separator). */
  static final char SEPARATOR = '\u001f';

  private TrustNames() {}
}
