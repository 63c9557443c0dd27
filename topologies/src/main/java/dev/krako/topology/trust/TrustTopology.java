package dev.krako.topology.trust;

import dev.krako.avro.Event;
import dev.krako.avro.NodeTrust;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.Topic;
import dev.krako.topology.dedupe.DedupeKeys;
import dev.krako.topology.dedupe.RetiredKeys;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The trust topology (application {@code krako-trust}): it folds what the event log says about each
 * worker node — attempts claimed, completed and failed, verification disagreements, model-call
 * timeouts, health reports — into a node trust table with a deterministic score (docs/trust.md). It
 * reads nothing but the event log, and its fold uses sums and maxima only, so replaying the log in
 * any order of its nodes' events rebuilds the same table.
 *
 * <ul>
 *   <li>Input topic: {@code krako.events} (Event; only events that change a node's counters or
 *       health count: the workers' claims, outcomes and failed model calls, the verdicts' votes,
 *       and {@code node.health.updated}; the rest is dropped before the repartition, ADR 019).
 *   <li>Output topic: {@code krako.nodes.trust} (NodeTrust, keyed by node id, compacted).
 *   <li>Internal topic: {@code <application id>-events-by-node-repartition}.
 *   <li>Stores, all with changelogs: {@code trust-dedupe} (a window store: event id at its event
 *       time → event time, ADR 023), {@code trust-seen} and {@code trust-seen-expiry} (the dedupe
 *       stores before ADR 023, drained), {@code trust-nodes} (node id → NodeTrust).
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

    KTable<String, NodeTrust> nodes =
        builder.stream(
                events.name(),
                Consumed.with(events.keySerde(), events.valueSerde())
                    .withName(TrustNames.EVENTS_SOURCE))
            .process(NodeKeyProcessor::new, Named.as(TrustNames.KEY_BY_NODE))
            .repartition(
                Repartitioned.with(Serdes.String(), events.valueSerde())
                    .withName(TrustNames.BY_NODE))
            .processValues(
                () -> new DedupeProcessor(config),
                Named.as(TrustNames.DEDUPE),
                TrustNames.DEDUPE_STORE,
                TrustNames.RETIRED_SEEN_STORE,
                TrustNames.RETIRED_SEEN_EXPIRY_STORE)
            .groupByKey(Grouped.with(Serdes.String(), events.valueSerde()))
            .aggregate(
                TrustFold::none,
                TrustFold::add,
                Named.as(TrustNames.NODES_AGGREGATE),
                Materialized.<String, NodeTrust, KeyValueStore<Bytes, byte[]>>as(
                        TrustNames.NODES_STORE)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(trust.valueSerde()));
    nodes
        .toStream(Named.as(TrustNames.NODES_TO_STREAM))
        .to(
            trust.name(),
            Produced.with(trust.keySerde(), trust.valueSerde()).withName(TrustNames.TRUST_SINK));
    return builder.build();
  }
}
