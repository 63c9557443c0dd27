package dev.krako.benchmarks;

import dev.krako.avro.Event;
import dev.krako.avro.SessionState;
import dev.krako.avro.Substrate;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitStarted;
import dev.krako.events.EventTypes;
import dev.krako.schemas.AvroSerdes;
import dev.krako.schemas.EventsOfTypes;
import dev.krako.topics.KrakoTopics;
import dev.krako.topology.codec.SessionCodec;
import java.util.Set;
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
  private byte[] startedBytes;
  private final EventsOfTypes billingReader =
      EventsOfTypes.of(Set.of(EventTypes.UNIT_COMPLETED, EventTypes.LLM_COMPLETED));
  private final EventsOfTypes trustReader =
      EventsOfTypes.of(
          Set.of(
              EventTypes.UNIT_CLAIMED,
              EventTypes.UNIT_COMPLETED,
              EventTypes.UNIT_FAILED,
              EventTypes.LLM_FAILED,
              EventTypes.NODE_HEALTH_UPDATED));

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
    Event started =
        Event.newBuilder(event)
            .setEventId(event.getEventId() + "-started")
            .setEventType(EventTypes.UNIT_STARTED)
            .setPayload(new WorkUnitStarted("node-1", Substrate.cpu))
            .build();
    startedBytes = events.serializer().serialize(eventsTopic, started);
  }

  @Benchmark
  public byte[] encodeEvent() {
    return events.serializer().serialize(eventsTopic, event);
  }

  @Benchmark
  public Event decodeEvent() {
    return events.deserializer().deserialize(eventsTopic, eventBytes);
  }

  /**
   * What billing does with a completion since session 10 (EventsOfTypes): reads its type, wants it,
   * decodes it whole.
   */
  @Benchmark
  public Event decodeEventOfAWantedType() {
    return billingReader.deserialize(eventsTopic, eventBytes);
  }

  /** What trust does with the same completion's {@code workunit.started}: reads its type only. */
  @Benchmark
  public Event skipEventOfAnotherType() {
    return trustReader.deserialize(eventsTopic, startedBytes);
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
