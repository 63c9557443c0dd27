package dev.krako.topology.trust;

import dev.krako.avro.Event;
import dev.krako.avro.NodeTrust;
import dev.krako.schemas.EventsOfTypes;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.Topic;
import dev.krako.topology.dedupe.DedupeKeys;
import dev.krako.topology.dedupe.RetiredKeys;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The trust topology (application {@code krako-trust}): it folds what the event log says about each
 * worker node — attempts claimed, completed and failed, verification disagreements, model-call
 * timeouts, health reports — into a node trust table with a deterministic score (docs/trust.md). It
 * reads nothing but the event log, and its fold uses sums and maxima only, so replaying the log in
 * any order of its nodes' events rebuilds the same table, and the fold of a node's events can be
 * split into parts and merged.
 *
 * <p>So each partition of the event log deduplicates and folds its own events (every copy of an
 * event is in one partition, keyed by session or node id), and once a second sends the totals of
 * the nodes it changed; the node's partition merges the partitions' latest totals (ADR 031). The
 * repartition carries a snapshot per changed node and partition per second, not every counted
 * event.
 *
 * <ul>
 *   <li>Input topic: {@code krako.events} (Event; only events that change a node's counters or
 *       health count: the workers' claims, outcomes and failed model calls, the verdicts' votes,
 *       and {@code node.health.updated}; the rest is dropped at once, ADR 019).
 *   <li>Output topic: {@code krako.nodes.trust} (NodeTrust, keyed by node id, compacted).
 *   <li>Internal topic: {@code <application id>-partials-by-node-repartition} ({@code <node
 *       id>␟<partition>} → NodeTrust of that partition of krako.events, partitioned by node id).
 *   <li>Stores, all with changelogs. Per partition of krako.events: {@code trust-event-dedupe} (a
 *       window store: counted id at its event time → event time, ADR 023), {@code trust-seen} and
 *       {@code trust-seen-expiry} (the dedupe stores before ADR 023, drained), {@code
 *       trust-partition-nodes} (node id → NodeTrust of the partition). Per partition of the
 *       repartition: {@code trust-node-partials} ({@code <node id>␟<partition>} → NodeTrust),
 *       {@code trust-nodes} (node id → NodeTrust, the merge; timestamped). Cached: the last three.
 * </ul>
 */
public final class TrustTopology {

  private TrustTopology() {}

  public static Topology build(TrustConfig config) {
    KrakoTopics topics = config.topics();
    Topic<String, Event> events = topics.events();
    Topic<String, NodeTrust> trust = topics.nodesTrust();
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(DedupeKeys.store(TrustNames.DEDUPE_STORE, config.dedupeRetention()));
    builder.addStateStore(RetiredKeys.seenStore(TrustNames.RETIRED_SEEN_STORE));
    builder.addStateStore(RetiredKeys.expiryStore(TrustNames.RETIRED_SEEN_EXPIRY_STORE));
    // Cached: within one commit a node's totals are written to RocksDB and the changelog once,
    // however many of its events the commit counted.
    for (String store :
        new String[] {TrustNames.PARTITION_NODES_STORE, TrustNames.PARTIALS_STORE}) {
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(store), Serdes.String(), trust.valueSerde())
              .withCachingEnabled());
    }
    // Timestamped, as the KTable that wrote it before ADR 031: an upgraded instance opens the
    // RocksDB store on its disk in the format it has.
    builder.addStateStore(
        Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(TrustNames.NODES_STORE),
                Serdes.String(),
                trust.valueSerde())
            .withCachingEnabled());

    builder.stream(
            events.name(),
            Consumed.with(events.keySerde(), EventsOfTypes.serde(NodeEvents.TYPES))
                .withName(TrustNames.EVENTS_SOURCE))
        .process(NodeKeyProcessor::new, Named.as(TrustNames.KEY_BY_NODE))
        .processValues(
            () -> new DedupeProcessor(config),
            Named.as(TrustNames.DEDUPE),
            TrustNames.DEDUPE_STORE,
            TrustNames.RETIRED_SEEN_STORE,
            TrustNames.RETIRED_SEEN_EXPIRY_STORE)
        .process(
            () -> new PartitionNodeTotals(config),
            Named.as(TrustNames.PARTITION_TOTALS),
            TrustNames.PARTITION_NODES_STORE)
        .repartition(
            Repartitioned.with(Serdes.String(), trust.valueSerde())
                .withName(TrustNames.BY_NODE)
                .withStreamPartitioner(new NodePartitioner()))
        .process(
            NodeTrustMerger::new,
            Named.as(TrustNames.MERGE),
            TrustNames.PARTIALS_STORE,
            TrustNames.NODES_STORE)
        .to(
            trust.name(),
            Produced.with(trust.keySerde(), trust.valueSerde()).withName(TrustNames.TRUST_SINK));
    return builder.build();
  }
}
