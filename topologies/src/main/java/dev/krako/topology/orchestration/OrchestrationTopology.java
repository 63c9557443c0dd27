package dev.krako.topology.orchestration;

import dev.krako.avro.Event;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.Substrate;
import dev.krako.avro.WorkUnitHeartbeat;
import dev.krako.streams.CommitPacer;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.Topic;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

/**
 * The orchestration topology: it turns each admitted session into WorkUnit dispatches, gating every
 * unit on its dependencies, and ends the session with a result for KORA.
 *
 * <ul>
 *   <li>Input topics: {@code krako.sessions.admitted} (SessionAdmitted), {@code krako.reports} (the
 *       workers' claims and outcomes, copied from the event log: the orchestrator does not read the
 *       event log it writes, docs/adr/026-worker-reports-topic.md), {@code krako.heartbeats}
 *       (WorkUnitHeartbeat: the workers extend their leases). All keyed by session id.
 *   <li>Output topics: {@code krako.events} (session and scheduling events), {@code
 *       krako.dispatch.cpu|cpu-trusted|llm} (one per substrate), {@code krako.sessions.results}.
 *   <li>Stores: {@code orchestration-sessions} (session id → SessionState; a finished session is
 *       evicted after {@link OrchestrationConfig#sessionRetention}; persistent, with a changelog),
 *       {@code orchestration-timers} (due time → retry, attempt timeout, lease check, session
 *       deadline or eviction) and {@code orchestration-leases} (claimed attempt → lease expiry),
 *       both in memory without changelogs: the processor derives them from the sessions whenever a
 *       task starts (docs/adr/027-timers-in-memory.md).
 * </ul>
 */
public final class OrchestrationTopology {

  private OrchestrationTopology() {}

  public static Topology build(OrchestrationConfig config) {
    KrakoTopics topics = config.topics();
    Topology topology = new Topology();
    Topic<String, SessionAdmitted> admitted = topics.admitted();
    Topic<String, Event> events = topics.events();
    topology.addSource(
        OrchestrationNames.ADMITTED_SOURCE,
        admitted.keySerde().deserializer(),
        admitted.valueSerde().deserializer(),
        admitted.name());
    Topic<String, Event> reports = topics.reports();
    topology.addSource(
        OrchestrationNames.REPORTS_SOURCE,
        reports.keySerde().deserializer(),
        reports.valueSerde().deserializer(),
        reports.name());
    Topic<String, WorkUnitHeartbeat> heartbeats = topics.heartbeats();
    topology.addSource(
        OrchestrationNames.HEARTBEATS_SOURCE,
        heartbeats.keySerde().deserializer(),
        heartbeats.valueSerde().deserializer(),
        heartbeats.name());
    // One pacer for the processor's tasks in this instance (CommitPacer).
    CommitPacer pacer = CommitPacer.forCriticalPath();
    topology.addProcessor(
        OrchestrationNames.ORCHESTRATE,
        () -> new OrchestrationProcessor(config, pacer),
        OrchestrationNames.ADMITTED_SOURCE,
        OrchestrationNames.REPORTS_SOURCE,
        OrchestrationNames.HEARTBEATS_SOURCE);
    // The record cache keeps the latest bytes of each session until the commit, so a session
    // updated several times between two commits (a fan-out's outcomes, a claim and its outcome)
    // writes RocksDB and its changelog once, not once per update (without it: 2.35 changelog
    // records per WorkUnit in session 8's bench; docs/performance.md, session 9).
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(OrchestrationNames.SESSIONS_STORE),
                Serdes.String(),
                new SessionStateSerde())
            .withCachingEnabled(),
        OrchestrationNames.ORCHESTRATE);
    // Timers and leases live in memory, without changelogs: every one can be derived from the
    // sessions, and the processor sets them again whenever a task starts (ADR 027).
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(OrchestrationNames.TIMERS_STORE),
                Serdes.String(),
                Serdes.String())
            .withLoggingDisabled(),
        OrchestrationNames.ORCHESTRATE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(OrchestrationNames.LEASES_STORE),
                Serdes.String(),
                Serdes.Long())
            .withLoggingDisabled(),
        OrchestrationNames.ORCHESTRATE);
    addSink(topology, OrchestrationNames.EVENTS_SINK, events);
    addSink(topology, OrchestrationNames.RESULTS_SINK, topics.results());
    addSink(topology, OrchestrationNames.HEARTBEATS_SINK, heartbeats);
    addDispatchSink(topology, OrchestrationNames.DISPATCH_CPU_SINK, topics.dispatch(Substrate.cpu));
    addDispatchSink(
        topology,
        OrchestrationNames.DISPATCH_CPU_TRUSTED_SINK,
        topics.dispatch(Substrate.cpu_trusted));
    addDispatchSink(
        topology, OrchestrationNames.DISPATCH_LLM_SINK, topics.dispatch(Substrate.llm_pod));
    return topology;
  }

  @SuppressWarnings("unchecked")
  private static <V> void addSink(Topology topology, String name, Topic<String, V> topic) {
    topology.addSink(
        name,
        topic.name(),
        topic.keySerde().serializer(),
        (org.apache.kafka.common.serialization.Serializer<Object>)
            (org.apache.kafka.common.serialization.Serializer<?>) topic.valueSerde().serializer(),
        OrchestrationNames.ORCHESTRATE);
  }

  /** A dispatch sink: replicas of one attempt start on different partitions. */
  @SuppressWarnings("unchecked")
  private static <V> void addDispatchSink(Topology topology, String name, Topic<String, V> topic) {
    topology.addSink(
        name,
        topic.name(),
        topic.keySerde().serializer(),
        (org.apache.kafka.common.serialization.Serializer<Object>)
            (org.apache.kafka.common.serialization.Serializer<?>) topic.valueSerde().serializer(),
        new DispatchPartitioner(),
        OrchestrationNames.ORCHESTRATE);
  }
}
