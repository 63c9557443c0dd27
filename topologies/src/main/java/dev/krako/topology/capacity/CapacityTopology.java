package dev.krako.topology.capacity;

import dev.krako.avro.AdmissionStatus;
import dev.krako.avro.Event;
import dev.krako.schemas.EventsOfTypes;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.Topic;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The capacity topology (application {@code krako-capacity}): it watches each pool's backlog in the
 * event log — ready units waiting, claim latency, throughput — asks for pools to be resized, and
 * sets the admission mode that ingress applies, from the backlog or from an operator's order
 * (docs/capacity.md).
 *
 * <ul>
 *   <li>Input topics: {@code krako.events} (Event: workunit.scheduled, claimed, completed, failed,
 *       skipped, execution.session.completed and failed, node.health.updated), {@code
 *       krako.admission.commands} (AdmissionCommand, one partition).
 *   <li>Output topics: {@code krako.events} (capacity.scale.requested keyed by pool,
 *       capacity.admission.mode.changed keyed {@code admission}), {@code krako.admission.mode}
 *       (AdmissionStatus, compacted, key {@code admission}).
 *   <li>Internal topic: {@code <application id>-summaries-by-cluster-repartition}, one partition:
 *       each partition of krako.events sends one PoolSummary per pool every {@code evaluateEvery}
 *       (ADR 028).
 *   <li>Stores, all with changelogs. Per partition of krako.events: {@code
 *       capacity-partition-waiting}, {@code capacity-partition-recent-seconds}, {@code
 *       capacity-partition-nodes}. In the one judging task: {@code capacity-summaries}, {@code
 *       capacity-scale}, {@code capacity-admission}. Cached: the first three and {@code
 *       capacity-scale}.
 * </ul>
 */
public final class CapacityTopology {

  private CapacityTopology() {}

  public static Topology build(CapacityConfig config) {
    KrakoTopics topics = config.topics();
    Topic<String, Event> events = topics.events();
    Topic<String, AdmissionStatus> mode = topics.admissionMode();
    StreamsBuilder builder = new StreamsBuilder();
    // Cached stores: within one commit a hot key (this second's bucket, a unit scheduled and
    // claimed at once) is written to RocksDB and its changelog once, and a key put and deleted
    // again is written not at all (ADR 021). The summaries are written a few times per interval:
    // no cache.
    for (String store :
        new String[] {
          CapacityNames.WAITING_STORE, CapacityNames.NODES_STORE, CapacityNames.SCALE_STORE
        }) {
      builder.addStateStore(
          Stores.keyValueStoreBuilder(
                  Stores.persistentKeyValueStore(store), Serdes.String(), Serdes.Long())
              .withCachingEnabled());
    }
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(CapacityNames.RECENT_STORE),
                Serdes.String(),
                WorkBucket.SERDE)
            .withCachingEnabled());
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CapacityNames.ADMISSION_STORE),
            Serdes.String(),
            mode.valueSerde()));

    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(CapacityNames.SUMMARIES_STORE),
            Serdes.String(),
            PoolSummary.SERDE));

    KStream<String, SpecificRecord> tracked =
        builder.stream(
                events.name(),
                Consumed.with(events.keySerde(), EventsOfTypes.serde(BacklogEvents.TYPES))
                    .withName(CapacityNames.EVENTS_SOURCE))
            .filter(
                (k, e) -> BacklogEvents.relevant(e), Named.as(CapacityNames.KEEP_BACKLOG_EVENTS))
            .process(
                () -> new BacklogSummarizer(config),
                Named.as(CapacityNames.SUMMARIZE),
                CapacityNames.WAITING_STORE,
                CapacityNames.RECENT_STORE,
                CapacityNames.NODES_STORE)
            .repartition(
                Repartitioned.with(Serdes.String(), PoolSummary.SERDE)
                    .withName(CapacityNames.BY_CLUSTER)
                    .withNumberOfPartitions(1))
            .process(
                () -> new BacklogTracker(config),
                Named.as(CapacityNames.TRACK),
                CapacityNames.SUMMARIES_STORE,
                CapacityNames.SCALE_STORE,
                CapacityNames.ADMISSION_STORE);
    KStream<String, SpecificRecord> ordered =
        builder.stream(
                topics.admissionCommands().name(),
                Consumed.with(
                        topics.admissionCommands().keySerde(),
                        topics.admissionCommands().valueSerde())
                    .withName(CapacityNames.COMMANDS_SOURCE))
            .process(
                () -> new OperatorCommandProcessor(config),
                Named.as(CapacityNames.APPLY_COMMAND),
                CapacityNames.ADMISSION_STORE);

    Map<String, KStream<String, SpecificRecord>> decisions =
        tracked
            .merge(ordered, Named.as(CapacityNames.DECISIONS_MERGE))
            .split(Named.as(CapacityNames.DECISIONS_SPLIT))
            .branch((k, v) -> v instanceof Event, Branched.as(CapacityNames.EVENT_BRANCH))
            .defaultBranch(Branched.as(CapacityNames.STATUS_BRANCH));
    decisions
        .get(CapacityNames.DECISIONS_SPLIT + CapacityNames.EVENT_BRANCH)
        .mapValues(v -> (Event) v, Named.as(CapacityNames.EVENT_CAST))
        .to(events.name(), produced(events.valueSerde(), CapacityNames.EVENTS_SINK));
    decisions
        .get(CapacityNames.DECISIONS_SPLIT + CapacityNames.STATUS_BRANCH)
        .mapValues(v -> (AdmissionStatus) v, Named.as(CapacityNames.STATUS_CAST))
        .to(mode.name(), produced(mode.valueSerde(), CapacityNames.STATUS_SINK));
    return builder.build();
  }

  private static <V> Produced<String, V> produced(Serde<V> serde, String name) {
    return Produced.with(Serdes.String(), serde).withName(name);
  }
}
