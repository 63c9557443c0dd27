package dev.krako.benchmarks;

import dev.krako.avro.Event;
import dev.krako.avro.SessionState;
import dev.krako.avro.Substrate;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.schemas.AvroSerdes;
import dev.krako.topics.KrakoTopics;
import dev.krako.topology.codec.SessionCodec;
import org.apache.kafka.common.serialization.Serde;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Krako's Avro serdes (single-object encoding, the reader resolving released schemas) on the three
 * records of every unit's round trip, all taken from a 20-unit fan-out under way: a worker's
 * completion event of a leaf, the orchestrator's dispatch of a leaf (carrying the root's output),
 * and the session store's value with half the leaves done.
 */
@State(Scope.Benchmark)
public class AvroSerdeBenchmark extends HotPathSettings {

  private final Serde<SessionState> states = AvroSerdes.of(SessionState.class);
  private Serde<Event> events;
  private Serde<WorkUnitDispatch> dispatches;
  private String eventsTopic;
  private String dispatchTopic;
  private Event event;
  private WorkUnitDispatch dispatch;
  private SessionState state;
  private byte[] eventBytes;
  private byte[] dispatchBytes;
  private byte[] stateBytes;

  @Setup
  public void prepare() {
    DecisionStep.Prepared leaf = DecisionStep.COMPLETE_FANOUT20_LEAF.prepare();
    KrakoTopics topics = leaf.walk().topics();
    events = topics.events().valueSerde();
    dispatches = topics.dispatch(Substrate.cpu).valueSerde();
    eventsTopic = topics.events().name();
    dispatchTopic = topics.dispatch(Substrate.cpu).name();
    event = leaf.event();
    dispatch = leaf.walk().firstOutstanding();
    state = SessionCodec.toAvro(leaf.before().orElseThrow());
    eventBytes = encodeEvent();
    dispatchBytes = encodeDispatch();
    stateBytes = encodeSessionState();
  }

  @Benchmark
  public byte[] encodeEvent() {
    return events.serializer().serialize(eventsTopic, event);
  }

  @Benchmark
  public Event decodeEvent() {
    return events.deserializer().deserialize(eventsTopic, eventBytes);
  }

  @Benchmark
  public byte[] encodeDispatch() {
    return dispatches.serializer().serialize(dispatchTopic, dispatch);
  }

  @Benchmark
  public WorkUnitDispatch decodeDispatch() {
    return dispatches.deserializer().deserialize(dispatchTopic, dispatchBytes);
  }

  @Benchmark
  public byte[] encodeSessionState() {
    return states.serializer().serialize("sessions", state);
  }

  @Benchmark
  public SessionState decodeSessionState() {
    return states.deserializer().deserialize("sessions", stateBytes);
  }
}
