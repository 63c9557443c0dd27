package dev.krako.benchmarks;

import dev.krako.avro.Event;
import dev.krako.avro.SessionState;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.schemas.AvroSerdes;
import dev.krako.session.Decision;
import dev.krako.session.Effect;
import dev.krako.session.Session;
import dev.krako.session.SessionDecider;
import dev.krako.session.SessionInput;
import dev.krako.topics.KrakoTopics;
import dev.krako.topology.codec.SessionCodec;
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
 * store's RocksDB: decode the event and the stored session, read the input, decide, map the next
 * session to Avro and encode it, and build and encode the records of each dispatch. The ceiling
 * this sets is the orchestrator's per-core limit in events per second, whatever the broker does.
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

  private final Serde<SessionState> states = AvroSerdes.of(SessionState.class);
  private Serde<Event> events;
  private Serde<WorkUnitDispatch> dispatches;
  private OrchestratorRecords records;
  private String eventsTopic;
  private String dispatchTopic;
  private byte[] eventBytes;
  private byte[] stateBytes;

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
    Decision decision = SessionDecider.decide(prepared.before(), prepared.input());
    if (!decision.effects().stream().allMatch(Effect.Dispatch.class::isInstance)) {
      throw new IllegalStateException(
          step + " must yield dispatches only, the records this benchmark writes");
    }
  }

  @Benchmark
  public void completion(Blackhole written) {
    Event event = events.deserializer().deserialize(eventsTopic, eventBytes);
    SessionInput input = OrchestratorRecords.inputOf(event).orElseThrow();
    Session before =
        SessionCodec.toDomain(states.deserializer().deserialize("sessions", stateBytes));
    Decision decision = SessionDecider.decide(Optional.of(before), input);
    Session next = decision.next().orElseThrow();
    written.consume(states.serializer().serialize("sessions", SessionCodec.toAvro(next)));
    for (Effect effect : decision.effects()) {
      Effect.Dispatch d = (Effect.Dispatch) effect;
      written.consume(
          events.serializer().serialize(eventsTopic, records.scheduled(next, d, input.at())));
      written.consume(
          dispatches.serializer().serialize(dispatchTopic, records.dispatch(next, d, input.at())));
    }
  }
}
