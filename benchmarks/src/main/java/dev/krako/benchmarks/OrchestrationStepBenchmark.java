package dev.krako.benchmarks;

import dev.krako.avro.Event;
import dev.krako.avro.SessionState;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.session.Decision;
import dev.krako.session.Effect;
import dev.krako.session.Session;
import dev.krako.session.SessionDecider;
import dev.krako.session.SessionInput;
import dev.krako.topics.KrakoTopics;
import dev.krako.topology.codec.SessionCodec;
import dev.krako.topology.orchestration.CachedSessions;
import dev.krako.topology.orchestration.OrchestrationConfig;
import dev.krako.topology.orchestration.OrchestratorRecords;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The orchestration processor's CPU work for one completion event, without Kafka and without the
 * store's RocksDB: decode the event, read the input, load the session through the processor's
 * {@code SessionCache}, decide, store the next session through it (map it to Avro and encode it),
 * and build and encode the records of each dispatch. The ceiling this sets is the orchestrator's
 * per-core limit in events per second, whatever the broker does.
 *
 * <p>{@link #completion} is the path of a session in flight: its decoded state and its graph's Avro
 * form are in the cache (docs/adr/022-decoded-session-cache.md). {@link #completionCacheMiss} is a
 * session the cache does not hold (the first event after a restart or rebalance, or one evicted):
 * the stored bytes are decoded and mapped, and the graph mapped to Avro, as before the cache.
 */
@State(Scope.Benchmark)
public class OrchestrationStepBenchmark extends HotPathSettings {

  @Param({
    "COMPLETE_CHAIN5_MIDDLE",
    "COMPLETE_FANOUT20_ROOT",
    "COMPLETE_FANOUT20_LEAF",
    "COMPLETE_UNITS1000_ROOT"
  })
  public DecisionStep step;

  /** Room for any of the steps' sessions, as the default bound has. */
  private static final int CACHE_UNITS = OrchestrationConfig.DEFAULT_SESSION_CACHE_UNITS;

  /** The orchestrator's store serde: a session's graph encoded once, reused by every write. */
  private final Serde<SessionState> states = CachedSessions.storeSerde();

  private Serde<Event> events;
  private Serde<WorkUnitDispatch> dispatches;
  private OrchestratorRecords records;
  private String eventsTopic;
  private String dispatchTopic;
  private byte[] eventBytes;
  private byte[] stateBytes;
  private String sessionId;
  private CachedSessions cached;
  private CachedSessions writes;
  private CachedSessions uncached;

  @Setup
  public void prepare() {
    DecisionStep.Prepared prepared = step.prepare();
    KrakoTopics topics = prepared.walk().topics();
    events = topics.events().valueSerde();
    dispatches = topics.dispatch(dev.krako.avro.Substrate.cpu).valueSerde();
    eventsTopic = topics.events().name();
    dispatchTopic = topics.dispatch(dev.krako.avro.Substrate.cpu).name();
    records = prepared.walk().orchestrator();
    eventBytes = events.serializer().serialize(eventsTopic, prepared.event());
    stateBytes =
        states
            .serializer()
            .serialize("sessions", SessionCodec.toAvro(prepared.before().orElseThrow()));
    Session before = prepared.before().orElseThrow();
    sessionId = before.sessionId();
    // Reads always find the state before the step in memory. Writes go to a cache of their own
    // that already holds a state of the session with the same graph, as in production, where each
    // write follows one of the same session: reading from it would move the session on a step.
    cached = sessions(CACHE_UNITS);
    cached.get(sessionId);
    writes = sessions(CACHE_UNITS);
    writes.put(sessionId, before);
    uncached = sessions(0);
    Decision decision = SessionDecider.decide(prepared.before(), prepared.input());
    if (!decision.effects().stream().allMatch(Effect.Dispatch.class::isInstance)) {
      throw new IllegalStateException(
          step + " must yield dispatches only, the records this benchmark writes");
    }
  }

  /** A session in flight: read from and written through the cache. */
  @Benchmark
  public void completion(Blackhole out) {
    step(cached, writes, out);
  }

  /** A session the cache does not hold: decoded from the store, its graph mapped again. */
  @Benchmark
  public void completionCacheMiss(Blackhole out) {
    step(uncached, uncached, out);
  }

  private void step(CachedSessions from, CachedSessions to, Blackhole out) {
    Event event = events.deserializer().deserialize(eventsTopic, eventBytes);
    SessionInput input = OrchestratorRecords.inputOf(event).orElseThrow();
    Session before = from.get(sessionId).orElseThrow();
    Decision decision = SessionDecider.decide(Optional.of(before), input);
    Session next = decision.next().orElseThrow();
    to.put(sessionId, next);
    out.consume(to.written());
    for (Effect effect : decision.effects()) {
      Effect.Dispatch d = (Effect.Dispatch) effect;
      out.consume(
          events.serializer().serialize(eventsTopic, records.scheduled(next, d, input.at())));
      out.consume(
          dispatches.serializer().serialize(dispatchTopic, records.dispatch(next, d, input.at())));
    }
  }

  private CachedSessions sessions(int maxUnits) {
    return new CachedSessions(
        () -> states.deserializer().deserialize("sessions", stateBytes),
        state -> states.serializer().serialize("sessions", state),
        maxUnits);
  }
}
