package dev.krako.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.SessionAdmitted;
import dev.krako.schemas.AvroSerdes;
import dev.krako.session.Decision;
import dev.krako.session.Effect;
import dev.krako.session.SessionDecider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The benchmarks measure what their names say: every input is accepted by the real code, every step
 * decides what it is named for, and every benchmark method runs once on its prepared state and
 * gives the hot path's result. Nothing here times anything.
 */
final class BenchmarkInputsTest {

  @ParameterizedTest
  @EnumSource(GraphShape.class)
  void everyShapeIsAcceptedByIngressWithAllItsUnits(GraphShape shape) {
    int expected =
        switch (shape) {
          case TWO_UNITS -> 2;
          case CHAIN5 -> 5;
          case FANOUT20 -> 20;
          case UNITS1000 -> 1000;
        };

    assertThat(SessionWalk.graph(shape).workUnits()).hasSize(expected);
  }

  @Test
  void eachStepDispatchesWhatItIsNamedFor() {
    assertThat(dispatched(DecisionStep.ADMIT_CHAIN5)).containsExactly("c0");
    assertThat(dispatched(DecisionStep.ADMIT_FANOUT20)).containsExactly("root");
    assertThat(dispatched(DecisionStep.ADMIT_UNITS1000))
        .hasSize(20)
        .allMatch(u -> u.startsWith("l00"));
    assertThat(dispatched(DecisionStep.COMPLETE_CHAIN5_MIDDLE)).containsExactly("c3");
    assertThat(dispatched(DecisionStep.COMPLETE_FANOUT20_ROOT))
        .hasSize(19)
        .allMatch(u -> u.startsWith("leaf"));
    assertThat(decide(DecisionStep.COMPLETE_FANOUT20_LEAF).effects()).isEmpty();
    assertThat(dispatched(DecisionStep.COMPLETE_UNITS1000_ROOT)).containsExactly("l01u00");
  }

  @Test
  void aCompletionStepStartsFromASessionWithItsUnitRunning() {
    DecisionStep.Prepared leaf = DecisionStep.COMPLETE_FANOUT20_LEAF.prepare();

    assertThat(leaf.before().orElseThrow().unit("leaf09").status().name()).isEqualTo("RUNNING");
    assertThat(leaf.before().orElseThrow().unit("leaf08").status().name()).isEqualTo("COMPLETED");
    assertThat(leaf.before().orElseThrow().unit("leaf10").status().name()).isEqualTo("DISPATCHED");
    assertThat(leaf.event().getEventType()).isEqualTo("workunit.completed");
  }

  @ParameterizedTest
  @EnumSource(GraphShape.class)
  void ingressEncodesTheAdmissionOfTheWholeGraph(GraphShape shape) {
    IngressBenchmark benchmark = new IngressBenchmark();
    benchmark.shape = shape;
    benchmark.prepare();

    SessionAdmitted admitted =
        AvroSerdes.of(SessionAdmitted.class)
            .deserializer()
            .deserialize("t", benchmark.validateAndEncodeAdmission());

    assertThat(admitted.getGraph().getWorkUnits())
        .hasSize(SessionWalk.graph(shape).workUnits().size());
  }

  @Test
  void everySerdeBenchmarkDecodesWhatItEncodes() {
    AvroSerdeBenchmark benchmark = new AvroSerdeBenchmark();
    benchmark.prepare();

    assertThat(benchmark.decodeEvent().getWorkUnitId()).isEqualTo("leaf09");
    assertThat(benchmark.decodeDispatch().getDependencyOutputs()).containsOnlyKeys("root");
    assertThat(benchmark.decodeSessionState().getUnits()).hasSize(20);
  }

  @ParameterizedTest
  @EnumSource(
      value = DecisionStep.class,
      names = {"COMPLETE_CHAIN5_MIDDLE", "COMPLETE_FANOUT20_LEAF", "COMPLETE_UNITS1000_ROOT"})
  void theSessionCodecRoundTripGivesTheSessionBack(DecisionStep step) {
    SessionCodecBenchmark benchmark = new SessionCodecBenchmark();
    benchmark.before = step;
    benchmark.prepare();

    // Compared with the benchmark's own session: each walk runs the handlers again, and the CPU
    // time they report (a unit's usage) can differ from one walk to the next.
    assertThat(benchmark.roundTrip()).isEqualTo(benchmark.session);
  }

  @ParameterizedTest
  @EnumSource(
      value = DecisionStep.class,
      names = {
        "COMPLETE_CHAIN5_MIDDLE",
        "COMPLETE_FANOUT20_ROOT",
        "COMPLETE_FANOUT20_LEAF",
        "COMPLETE_UNITS1000_ROOT"
      })
  void theOrchestrationStepRunsOnEveryCompletionStep(DecisionStep step) {
    OrchestrationStepBenchmark benchmark = new OrchestrationStepBenchmark();
    benchmark.step = step;
    benchmark.prepare();

    Blackhole blackhole =
        new Blackhole(
            "Today's password is swordfish. I understand instantiating Blackholes directly is"
                + " dangerous.");
    benchmark.completion(blackhole);
    benchmark.completion(blackhole); // the cache's second write reuses the graph's Avro form
    benchmark.completionCacheMiss(blackhole);
  }

  @Test
  void pricingACompletionBillsItsCpuTimeToItsTenant() {
    LedgerBenchmark benchmark = new LedgerBenchmark();
    benchmark.prepare();

    assertThat(benchmark.priceCompletion().getTenantId()).isEqualTo(SessionWalk.TENANT);
    assertThat(benchmark.priceCompletion().getWorkUnitId()).isEqualTo("leaf09");
  }

  private static Decision decide(DecisionStep step) {
    DecisionStep.Prepared prepared = step.prepare();
    return SessionDecider.decide(prepared.before(), prepared.input());
  }

  private static List<String> dispatched(DecisionStep step) {
    return decide(step).effects().stream()
        .filter(Effect.Dispatch.class::isInstance)
        .map(e -> ((Effect.Dispatch) e).unit().id())
        .toList();
  }
}
