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

  /** Keeps the events about a node, keyed by the node's id. */
  public static final String KEY_BY_NODE = "events-key-by-node";

  /** Repartition of the node events by node id. */
  public static final String BY_NODE = "events-by-node";

  public static final String DEDUPE = "events-dedupe";

  /**
   * Counted event id → event time (epoch ms), in a window store whose window start is that time
   * capped at the wall clock: one changelog record per counted id, none when it is forgotten (ADR
   * 023).
   */
  public static final String DEDUPE_STORE = "trust-dedupe";

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

  public static final String NODES_AGGREGATE = "nodes-aggregate";

  /** Node id → NodeTrust. */
  public static final String NODES_STORE = "trust-nodes";

  public static final String NODES_TO_STREAM = "nodes-to-stream";
  public static final String TRUST_SINK = "trust-sink";

  private TrustNames() {}
}
