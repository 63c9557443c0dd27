package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.UnitType;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Every shape the bench submits passes Krako's own ingress checks. */
class GraphMixTest {

  private final GraphMix mix = new GraphMix(4);

  @Test
  void everyShapeIsAcceptedByIngressWithItsUnitsAndBudgets() {
    GraphParser parser = new GraphParser(IngressLimits.defaults());
    for (SessionShape shape : SessionShape.values()) {
      byte[] doc = mix.document(shape, "r-" + shape, "t-1", Instant.parse("2026-11-27T08:00:00Z"));

      ParseOutcome outcome = parser.parse(doc);

      assertThat(outcome).as(shape + ": " + outcome).isInstanceOf(ParseOutcome.Accepted.class);
      var graph = ((ParseOutcome.Accepted) outcome).graph();
      assertThat(graph.workUnits()).as(shape.name()).hasSize(shape.units());
      assertThat(graph.workUnits().stream().filter(u -> u.type() == UnitType.LLM))
          .as(shape.name())
          .hasSize(shape.llmUnits());
    }
  }

  @Test
  void theCycleHoldsTheDocumentedMix() {
    Map<SessionShape, Long> counts =
        GraphMix.CYCLE.stream()
            .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));

    assertThat(counts)
        .containsEntry(SessionShape.SINGLE, 2L)
        .containsEntry(SessionShape.CHAIN5, 7L)
        .containsEntry(SessionShape.DIAMOND, 5L)
        .containsEntry(SessionShape.DIAMOND_LLM, 2L)
        .containsEntry(SessionShape.FANOUT20, 4L);
    assertThat(GraphMix.meanUnitsPerSession()).isEqualTo(7.25);
  }

  @Test
  void shapesAndTenantsFollowTheSequenceDeterministically() {
    assertThat(mix.shapeOf(0)).isEqualTo(mix.shapeOf(20));
    assertThat(mix.shapeOf(7)).isEqualTo(SessionShape.DIAMOND_LLM);
    assertThat(mix.tenantOf(5)).isEqualTo("bench-tenant-1");
  }
}
