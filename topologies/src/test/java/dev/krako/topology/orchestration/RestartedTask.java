package dev.krako.topology.orchestration;

import dev.krako.avro.SessionState;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitHeartbeat;
import dev.krako.schemas.AvroSerdes;
import dev.krako.streams.CommitPacer;
import dev.krako.topology.TopologyTestSupport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * An orchestration task started again, as Kafka Streams starts one on another instance after a
 * rebalance: a new processor, its session store restored (here: copied from a driver's), its timer
 * and lease stores empty, and {@code init} called. The TopologyTestDriver cannot do this itself: it
 * wipes its state directory when it closes. Wall-clock punctuation is driven by hand, and lease
 * probes are fed back as the broker would.
 */
final class RestartedTask {

  private final OrchestrationProcessor processor;
  private final MockProcessorContext<String, SpecificRecord> context;
  private final KeyValueStore<String, SessionState> sessions;
  private final KeyValueStore<String, String> timers;
  private final KeyValueStore<String, Long> leases;
  private final Map<String, List<SpecificRecord>> outputs = new HashMap<>();
  private final List<WorkUnitHeartbeat> probes = new ArrayList<>();

  RestartedTask(
      OrchestrationConfig config, Map<String, SessionState> stored, Instant at, Path stateDir) {
    context =
        new MockProcessorContext<>(TopologyTestSupport.properties("krako-restart-test", stateDir));
    context.setCurrentSystemTimeMs(at.toEpochMilli());
    sessions =
        store(
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(OrchestrationNames.SESSIONS_STORE),
                    Serdes.String(),
                    AvroSerdes.of(SessionState.class))
                .withLoggingDisabled()
                .build());
    timers =
        store(
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(OrchestrationNames.TIMERS_STORE),
                    Serdes.String(),
                    Serdes.String())
                .withLoggingDisabled()
                .build());
    leases =
        store(
            Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(OrchestrationNames.LEASES_STORE),
                    Serdes.String(),
                    Serdes.Long())
                .withLoggingDisabled()
                .build());
    stored.forEach(sessions::put);
    processor = new OrchestrationProcessor(config, CommitPacer.forCriticalPath());
    processor.init(context);
  }

  private <S extends KeyValueStore<String, ?>> S store(S store) {
    store.init(context.getStateStoreContext(), store);
    context.addStateStore(store);
    return store;
  }

  /**
   * Calls {@code init} again on the same processor and stores, as Kafka Streams does when it
   * resumes a suspended task: the timers and leases already in memory are replaced, not doubled.
   */
  void initAgainAt(Instant at) {
    context.setCurrentSystemTimeMs(at.toEpochMilli());
    processor.init(context);
  }

  /** Moves the wall clock to {@code at} and runs the timer scan, feeding probes back. */
  void advanceTo(Instant at) {
    context.setCurrentSystemTimeMs(at.toEpochMilli());
    context.scheduledPunctuators().get(0).getPunctuator().punctuate(at.toEpochMilli());
    for (WorkUnitHeartbeat probe :
        take(OrchestrationNames.HEARTBEATS_SINK, WorkUnitHeartbeat.class)) {
      processor.process(new Record<>(probe.getSessionId(), probe, at.toEpochMilli()));
      probes.add(probe);
    }
  }

  /** The probes written since the restart. */
  List<WorkUnitHeartbeat> probes() {
    return probes;
  }

  /** The CPU dispatches written since the last call. */
  List<WorkUnitDispatch> cpuDispatches() {
    return take(OrchestrationNames.DISPATCH_CPU_SINK, WorkUnitDispatch.class);
  }

  SessionState session(String id) {
    return sessions.get(id);
  }

  Set<String> timerKeys() {
    return keys(timers);
  }

  Set<String> leaseKeys() {
    return keys(leases);
  }

  static Set<String> keys(KeyValueStore<String, ?> store) {
    Set<String> keys = new TreeSet<>();
    try (var all = store.all()) {
      all.forEachRemaining(kv -> keys.add(kv.key));
    }
    return keys;
  }

  /** What was forwarded to the sink since the last call, in order. */
  private <V> List<V> take(String sink, Class<V> type) {
    for (var f : context.forwarded()) {
      outputs
          .computeIfAbsent(f.childName().orElseThrow(), k -> new ArrayList<>())
          .add(f.record().value());
    }
    context.resetForwards();
    List<SpecificRecord> taken = outputs.getOrDefault(sink, new ArrayList<>());
    outputs.remove(sink);
    return taken.stream().map(type::cast).toList();
  }

  static Map<String, SessionState> copy(KeyValueStore<String, SessionState> store) {
    Map<String, SessionState> copy = new LinkedHashMap<>();
    try (var all = store.all()) {
      all.forEachRemaining(kv -> copy.put(kv.key, kv.value));
    }
    return copy;
  }
}
