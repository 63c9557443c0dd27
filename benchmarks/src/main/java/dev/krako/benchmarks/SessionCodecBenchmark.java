package dev.krako.benchmarks;

import dev.krako.avro.SessionState;
import dev.krako.session.Session;
import dev.krako.topology.codec.SessionCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The session store's mapping between the domain session and its Avro value, which the orchestrator
 * runs both ways for every event it acts on: the state before each completion step, from a 5-unit
 * chain to a 1000-unit graph.
 */
@State(Scope.Benchmark)
public class SessionCodecBenchmark extends HotPathSettings {

  /** The state is the session just before this step's completion. */
  @Param({"COMPLETE_CHAIN5_MIDDLE", "COMPLETE_FANOUT20_LEAF", "COMPLETE_UNITS1000_ROOT"})
  public DecisionStep before;

  /** Package-private for BenchmarkInputsTest: the walk measures real CPU, so each differs. */
  Session session;

  private SessionState state;

  @Setup
  public void prepare() {
    session = before.prepare().before().orElseThrow();
    state = SessionCodec.toAvro(session);
  }

  @Benchmark
  public SessionState toAvro() {
    return SessionCodec.toAvro(session);
  }

  @Benchmark
  public Session toDomain() {
    return SessionCodec.toDomain(state);
  }

  @Benchmark
  public Session roundTrip() {
    return SessionCodec.toDomain(SessionCodec.toAvro(session));
  }
}
