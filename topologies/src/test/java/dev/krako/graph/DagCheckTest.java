package dev.krako.graph;

import static dev.krako.graph.GraphJson.graph;
import static dev.krako.graph.Parsing.accepted;
import static dev.krako.graph.Parsing.assertViolations;
import static dev.krako.graph.Parsing.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Cycle detection, and how a found cycle is named. */
final class DagCheckTest {

  @Test
  void anEmptyGraphHasNoCycle() {
    assertThat(DagCheck.findCycle(Map.of())).isEmpty();
  }

  @Test
  void aDiamondHasNoCycle() {
    Map<String, List<String>> diamond =
        Map.of("a", List.of(), "b", List.of("a"), "c", List.of("a"), "d", List.of("b", "c"));

    assertThat(DagCheck.findCycle(diamond)).isEmpty();
  }

  @Test
  void aUnitThatNeedsItselfIsACycleOfOne() {
    assertThat(DagCheck.findCycle(Map.of("a", List.of("a")))).contains(List.of("a", "a"));
  }

  @Test
  void aCycleIsNamedInExecutionOrderWithItsFirstIdRepeated() {
    // b needs a, c needs b, a needs c: a runs before b, b before c, c before a.
    Map<String, List<String>> deps =
        Map.of("a", List.of("c"), "b", List.of("a"), "c", List.of("b"));

    assertThat(DagCheck.findCycle(deps)).contains(List.of("a", "b", "c", "a"));
  }

  @Test
  void eachStepOfTheNamedCycleIsADependencyEdge() {
    Map<String, List<String>> deps =
        Map.of(
            "a", List.of(),
            "b", List.of("a", "e"),
            "c", List.of("b"),
            "d", List.of("c"),
            "e", List.of("d"));

    List<String> cycle = DagCheck.findCycle(deps).orElseThrow();

    assertThat(cycle).containsExactly("b", "c", "d", "e", "b");
    for (int i = 0; i + 1 < cycle.size(); i++) {
      assertThat(deps.get(cycle.get(i + 1))).contains(cycle.get(i));
    }
  }

  @Test
  void dependenciesOnUndeclaredIdsAreLeftToTheUnknownDependencyCheck() {
    assertThat(DagCheck.findCycle(Map.of("a", List.of("ghost"), "b", List.of("a", "ghost"))))
        .isEmpty();
  }

  @Test
  void aCycleAwayFromTheFirstRootIsFound() {
    Map<String, List<String>> deps = new LinkedHashMap<>();
    deps.put("a", List.of());
    deps.put("b", List.of("a"));
    deps.put("x", List.of("y"));
    deps.put("y", List.of("x"));

    assertThat(DagCheck.findCycle(deps)).contains(List.of("x", "y", "x"));
  }

  @Test
  void theNamedCycleDoesNotDependOnMapOrder() {
    Map<String, List<String>> forward = new LinkedHashMap<>();
    forward.put("p", List.of("r"));
    forward.put("q", List.of("p"));
    forward.put("r", List.of("q"));
    Map<String, List<String>> backward = new LinkedHashMap<>();
    backward.put("r", List.of("q"));
    backward.put("q", List.of("p"));
    backward.put("p", List.of("r"));

    assertThat(DagCheck.findCycle(backward)).isEqualTo(DagCheck.findCycle(forward));
  }

  @Test
  void aChainOfAHundredThousandUnitsIsWalkedWithoutOverflow() {
    Map<String, List<String>> chain = chain(100_000);

    assertThat(DagCheck.findCycle(chain)).isEmpty();
  }

  @Test
  void aCycleClosingAHundredThousandUnitChainIsFound() {
    Map<String, List<String>> chain = chain(100_000);
    chain.put("u0", List.of("u99999"));

    List<String> cycle = DagCheck.findCycle(chain).orElseThrow();

    assertThat(cycle).hasSize(100_001).startsWith("u0").endsWith("u0");
  }

  @Test
  void aChainOfAThousandUnitsIsAccepted() {
    // The default unit limit, declared last-first so no unit's dependency comes before it.
    UnitJson[] units =
        IntStream.iterate(999, i -> i >= 0, i -> i - 1)
            .mapToObj(
                i ->
                    i == 0
                        ? UnitJson.deterministic("u0")
                        : UnitJson.deterministic("u" + i, "u" + (i - 1)))
            .toArray(UnitJson[]::new);

    TaskGraph graph = accepted(parse(graph(units)));

    assertThat(graph.workUnits()).hasSize(1_000);
    assertThat(graph.finalOutputs()).containsExactly("u999");
  }

  @Test
  void aThousandUnitChainClosedIntoACycleIsRejected() {
    UnitJson[] units =
        IntStream.range(0, 1_000)
            .mapToObj(i -> UnitJson.deterministic("u" + i, "u" + ((i + 999) % 1_000)))
            .toArray(UnitJson[]::new);

    assertViolations(parse(graph(units)))
        .containsExactly(tuple(ViolationCode.DAG_CYCLE, "$.work_units[0]"));
  }

  private static Map<String, List<String>> chain(int length) {
    Map<String, List<String>> chain = new HashMap<>();
    chain.put("u0", List.of());
    for (int i = 1; i < length; i++) {
      chain.put("u" + i, List.of("u" + (i - 1)));
    }
    return chain;
  }
}
