package dev.krako.topology.ingress;

import dev.krako.avro.GraphRejected;
import dev.krako.avro.RequestIndexEntry;
import dev.krako.avro.SessionAdmitted;
import dev.krako.graph.GraphParser;
import dev.krako.schemas.AvroSerdes;
import dev.krako.topics.KrakoTopics;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
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
 * The ingress topology: the front door. It parses and validates each TaskGraph KORA publishes,
 * rejects a bad one with every violation before anything runs, and admits exactly one session per
 * (tenant_id, request_id).
 *
 * <ul>
 *   <li>Input topic: {@code kora.taskgraphs} (KORA's JSON, any key).
 *   <li>Output topics: {@code krako.sessions.admitted} (SessionAdmitted, keyed by session id),
 *       {@code krako.taskgraphs.rejected} (GraphRejected, including DUPLICATE_REQUEST answers),
 *       {@code krako.events} (validation.failed).
 *   <li>Internal topic: {@code <application id>-graphs-by-session-repartition}.
 *   <li>Store: {@code ingress-request-index} (session id → RequestIndexEntry), with a changelog, so
 *       the one-session rule holds across restarts.
 * </ul>
 */
public final class IngressTopology {

  private IngressTopology() {}

  public static Topology build(IngressConfig config) {
    KrakoTopics topics = config.topics();
    GraphParser parser = new GraphParser(config.limits());
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(IngressNames.REQUEST_INDEX_STORE),
            Serdes.String(),
            AvroSerdes.of(RequestIndexEntry.class)));

    KStream<String, SpecificRecord> verdicts =
        builder.stream(
                topics.taskGraphs().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray())
                    .withName(IngressNames.GRAPHS_SOURCE))
            .process(() -> new ValidateGraphProcessor(parser), Named.as(IngressNames.VALIDATE));
    Map<String, KStream<String, SpecificRecord>> branches =
        verdicts
            .split(Named.as(IngressNames.VERDICT_SPLIT))
            .branch(
                (key, value) -> value instanceof GraphRejected,
                Branched.as(IngressNames.REJECTED_BRANCH))
            .defaultBranch(Branched.as(IngressNames.ACCEPTED_BRANCH));

    KStream<String, GraphRejected> rejected =
        branches
            .get(IngressNames.VERDICT_SPLIT + IngressNames.REJECTED_BRANCH)
            .mapValues(value -> (GraphRejected) value, Named.as(IngressNames.REJECTED_CAST));
    rejected.to(
        topics.rejected().name(),
        produced(topics.rejected().valueSerde(), IngressNames.REJECTED_SINK));
    rejected
        .mapValues(
            r -> Rejections.validationFailed(r, config.instanceId()),
            Named.as(IngressNames.VALIDATION_EVENT))
        .to(
            topics.events().name(),
            produced(topics.events().valueSerde(), IngressNames.VALIDATION_EVENTS_SINK));

    KStream<String, SpecificRecord> deduped =
        branches
            .get(IngressNames.VERDICT_SPLIT + IngressNames.ACCEPTED_BRANCH)
            .mapValues(value -> (SessionAdmitted) value, Named.as(IngressNames.ACCEPTED_CAST))
            .repartition(
                Repartitioned.<String, SessionAdmitted>as(IngressNames.BY_SESSION_REPARTITION)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(topics.admitted().valueSerde()))
            .process(
                DedupeProcessor::new,
                Named.as(IngressNames.DEDUPE),
                IngressNames.REQUEST_INDEX_STORE);
    Map<String, KStream<String, SpecificRecord>> outcomes =
        deduped
            .split(Named.as(IngressNames.DEDUPE_SPLIT))
            .branch(
                (key, value) -> value instanceof SessionAdmitted,
                Branched.as(IngressNames.ADMITTED_BRANCH))
            .defaultBranch(Branched.as(IngressNames.DUPLICATE_BRANCH));
    outcomes
        .get(IngressNames.DEDUPE_SPLIT + IngressNames.ADMITTED_BRANCH)
        .mapValues(value -> (SessionAdmitted) value, Named.as(IngressNames.ADMITTED_CAST))
        .to(
            topics.admitted().name(),
            produced(topics.admitted().valueSerde(), IngressNames.ADMITTED_SINK));
    outcomes
        .get(IngressNames.DEDUPE_SPLIT + IngressNames.DUPLICATE_BRANCH)
        .mapValues(value -> (GraphRejected) value, Named.as(IngressNames.DUPLICATE_CAST))
        .to(
            topics.rejected().name(),
            produced(topics.rejected().valueSerde(), IngressNames.DUPLICATE_SINK));
    return builder.build();
  }

  private static <V> Produced<String, V> produced(
      org.apache.kafka.common.serialization.Serde<V> serde, String name) {
    return Produced.with(Serdes.String(), serde).withName(name);
  }
}
