package dev.krako.topology.ingress;

import dev.krako.avro.AdmissionStatus;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.RequestIndexEntry;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionResult;
import dev.krako.graph.GraphParser;
import dev.krako.schemas.AvroSerdes;
import dev.krako.streams.CommitPacer;
import dev.krako.topics.KrakoTopics;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The ingress topology: the front door. It parses and validates each TaskGraph KORA publishes,
 * rejects a bad one with every violation before anything runs, and admits exactly one session per
 * (tenant_id, request_id), within the admission mode and each tenant's rate (docs/capacity.md).
 *
 * <ul>
 *   <li>Input topics: {@code kora.taskgraphs} (KORA's JSON, any key); {@code krako.admission.mode}
 *       (AdmissionStatus, read as a global table).
 *   <li>Output topics: {@code krako.sessions.admitted} (SessionAdmitted, keyed by session id),
 *       {@code krako.taskgraphs.rejected} (GraphRejected, including DUPLICATE_REQUEST answers and
 *       admission refusals), {@code krako.events} (validation.failed), {@code
 *       krako.sessions.results} (a refused graph's {@code admission_rejected} answer).
 *   <li>Internal topic: {@code <application id>-graphs-by-tenant-repartition}.
 *   <li>Stores: {@code ingress-request-index} (session id → RequestIndexEntry) and {@code
 *       ingress-tenant-rates} (tenant id → GCRA time), with changelogs, so the one-session rule and
 *       the rates hold across restarts; the global {@code ingress-admission-mode}.
 * </ul>
 */
public final class IngressTopology {

  private IngressTopology() {}

  public static Topology build(IngressConfig config) {
    KrakoTopics topics = config.topics();
    GraphParser parser = new GraphParser(config.limits());
    // One pacer per node (ADR 024): an admission follows its own validation by a few
    // milliseconds, and must not count as part of the validation node's busy spell.
    CommitPacer validatePacer = CommitPacer.forCriticalPath();
    CommitPacer admitPacer = CommitPacer.forCriticalPath();
    StreamsBuilder builder = new StreamsBuilder();
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(IngressNames.REQUEST_INDEX_STORE),
            Serdes.String(),
            AvroSerdes.of(RequestIndexEntry.class)));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(IngressNames.TENANT_RATE_STORE),
            Serdes.String(),
            Serdes.Long()));
    builder.globalTable(
        topics.admissionMode().name(),
        Consumed.with(topics.admissionMode().keySerde(), topics.admissionMode().valueSerde())
            .withName(IngressNames.ADMISSION_MODE_SOURCE),
        Materialized.<String, AdmissionStatus, KeyValueStore<Bytes, byte[]>>as(
                IngressNames.ADMISSION_MODE_STORE)
            .withKeySerde(topics.admissionMode().keySerde())
            .withValueSerde(topics.admissionMode().valueSerde()));

    KStream<String, SpecificRecord> verdicts =
        builder.stream(
                topics.taskGraphs().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray())
                    .withName(IngressNames.GRAPHS_SOURCE))
            .process(
                () -> new ValidateGraphProcessor(parser, validatePacer),
                Named.as(IngressNames.VALIDATE));
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

    KStream<String, SpecificRecord> decided =
        branches
            .get(IngressNames.VERDICT_SPLIT + IngressNames.ACCEPTED_BRANCH)
            .mapValues(value -> (SessionAdmitted) value, Named.as(IngressNames.ACCEPTED_CAST))
            .repartition(
                Repartitioned.<String, SessionAdmitted>as(IngressNames.BY_TENANT_REPARTITION)
                    .withKeySerde(Serdes.String())
                    .withValueSerde(topics.admitted().valueSerde()))
            .process(
                () -> new AdmitProcessor(config.rates(), config.requestDedupeHorizon(), admitPacer),
                Named.as(IngressNames.ADMIT),
                IngressNames.REQUEST_INDEX_STORE,
                IngressNames.TENANT_RATE_STORE);
    Map<String, KStream<String, SpecificRecord>> outcomes =
        decided
            .split(Named.as(IngressNames.ADMIT_SPLIT))
            .branch(
                (key, value) -> value instanceof SessionAdmitted,
                Branched.as(IngressNames.ADMITTED_BRANCH))
            .branch(
                (key, value) -> value instanceof SessionResult,
                Branched.as(IngressNames.RESULT_BRANCH))
            .defaultBranch(Branched.as(IngressNames.REFUSED_BRANCH));
    outcomes
        .get(IngressNames.ADMIT_SPLIT + IngressNames.ADMITTED_BRANCH)
        .mapValues(value -> (SessionAdmitted) value, Named.as(IngressNames.ADMITTED_CAST))
        .to(
            topics.admitted().name(),
            produced(topics.admitted().valueSerde(), IngressNames.ADMITTED_SINK));
    outcomes
        .get(IngressNames.ADMIT_SPLIT + IngressNames.RESULT_BRANCH)
        .mapValues(value -> (SessionResult) value, Named.as(IngressNames.RESULT_CAST))
        .to(
            topics.results().name(),
            produced(topics.results().valueSerde(), IngressNames.RESULTS_SINK));
    outcomes
        .get(IngressNames.ADMIT_SPLIT + IngressNames.REFUSED_BRANCH)
        .mapValues(value -> (GraphRejected) value, Named.as(IngressNames.REFUSED_CAST))
        .to(
            topics.rejected().name(),
            produced(topics.rejected().valueSerde(), IngressNames.REFUSED_SINK));
    return builder.build();
  }

  private static <V> Produced<String, V> produced(
      org.apache.kafka.common.serialization.Serde<V> serde, String name) {
    return Produced.with(Serdes.String(), serde).withName(name);
  }
}
