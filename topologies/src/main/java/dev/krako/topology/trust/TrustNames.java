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

  /** Event id → event time (epoch ms) of a counted event. */
  public static final String SEEN_STORE = "trust-seen";

  /** {@code <event time, 19 digits>|<event id>} → event id: the purge scans it in time order. */
  public static final String SEEN_EXPIRY_STORE = "trust-seen-expiry";

  public static final String NODES_AGGREGATE = "nodes-aggregate";

  /** Node id → NodeTrust. */
  public static final String NODES_STORE = "trust-nodes";

  public static final String NODES_TO_STREAM = "nodes-to-stream";
  public static final String TRUST_SINK = "trust-sink";

  private TrustNames() {}
}
