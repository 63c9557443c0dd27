package dev.krako.benchmarks;

import dev.krako.session.Decision;
import dev.krako.session.SessionDecider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The orchestrator's pure decision, {@code SessionDecider.decide(state, input)}, readiness gating
 * and placement included: nothing decoded, nothing encoded.
 */
@State(Scope.Benchmark)
public class DecisionBenchmark extends HotPathSettings {

  /** Every step: JMH runs each constant of an enum parameter given no values. */
  @Param public DecisionStep step;

  private DecisionStep.Prepared prepared;

  @Setup
  public void prepare() {
    prepared = step.prepare();
  }

  @Benchmark
  public Decision decide() {
    return SessionDecider.decide(prepared.before(), prepared.input());
  }
}
