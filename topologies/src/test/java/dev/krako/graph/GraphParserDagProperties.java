package dev.krako.graph;

import static dev.krako.graph.Parsing.accepted;
import static dev.krako.graph.Parsing.parse;
import static dev.krako.graph.Parsing.violations;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The parser over random DAGs: acyclic ones pass, a back edge or a missing id is named. */
final class GraphParserDagProperties {

  /** A random DAG and the unit that gets one more, bad, dependency. */
  record Damaged(RandomDag dag, int unit, int other) {}

  @Provide
  Arbitrary<RandomDag> dags() {
    return RandomDag.dags(1, 40);
  }

  /** A DAG of at least two units and an earlier unit {@code other} than {@code unit}. */
  @Provide
  Arbitrary<Damaged> backEdges() {
    return RandomDag.dags(2, 40)
        .flatMap(
            dag ->
                Arbitraries.integers()
                    .between(1, dag.size() - 1)
                    .flatMap(
                        later ->
                            Arbitraries.integers()
                                .between(0, later - 1)
                                .map(earlier -> new Damaged(dag, earlier, later))));
  }

  @Provide
  Arbitrary<Damaged> missingIds() {
    return RandomDag.dags(1, 40)
        .flatMap(
            dag ->
                Combinators.combine(
                        Arbitraries.integers().between(0, dag.size() - 1),
                        Arbitraries.integers().between(0, 9))
                    .as((unit, suffix) -> new Damaged(dag, unit, suffix)));
  }

  @Property
  void anAcyclicGraphIsAccepted(@ForAll("dags") RandomDag dag) {
    TaskGraph graph = accepted(parse(dag.toJson()));

    assertThat(graph.workUnits())
        .extracting(WorkUnit::id)
        .containsExactlyElementsOf(dag.declarationOrder().stream().map(dag.ids()::get).toList());
    for (int i = 0; i < dag.size(); i++) {
      WorkUnit unit = graph.unit(dag.ids().get(i)).orElseThrow();
      assertThat(unit.dependencies()).containsExactlyElementsOf(dag.dependencyIds(i));
      assertThat(unit.type()).isEqualTo(dag.types().get(i));
    }
  }

  @Property
  void theDefaultFinalOutputsAreTheSinksInDeclarationOrder(@ForAll("dags") RandomDag dag) {
    TaskGraph graph = accepted(parse(dag.toJson()));

    var needed = new HashSet<String>();
    graph.workUnits().forEach(u -> needed.addAll(u.dependencies()));
    assertThat(graph.finalOutputs())
        .isNotEmpty()
        .containsExactlyElementsOf(
            graph.workUnits().stream()
                .map(WorkUnit::id)
                .filter(id -> !needed.contains(id))
                .toList());
  }

  @Property
  void aBackEdgeIsRejectedWithARealCycleNamed(@ForAll("backEdges") Damaged damaged) {
    // later needs earlier (added if absent), then earlier needs later: at least one cycle.
    RandomDag cyclic =
        damaged
            .dag()
            .withDependency(damaged.other(), damaged.unit())
            .withDependency(damaged.unit(), damaged.other());

    List<Violation> violations = violations(parse(cyclic.toJson()));

    assertThat(violations).extracting(Violation::code).containsExactly(ViolationCode.DAG_CYCLE);
    List<String> cycle = Arrays.asList(violations.get(0).message().split(" → "));
    assertThat(cycle).hasSizeGreaterThanOrEqualTo(3);
    assertThat(cycle.get(0)).isEqualTo(cycle.get(cycle.size() - 1));
    assertThat(cycle.subList(1, cycle.size())).doesNotHaveDuplicates();
    for (int i = 0; i + 1 < cycle.size(); i++) {
      int before = cyclic.ids().indexOf(cycle.get(i));
      int after = cyclic.ids().indexOf(cycle.get(i + 1));
      assertThat(cyclic.dependencies().get(after))
          .as("%s → %s is a dependency edge", cycle.get(i), cycle.get(i + 1))
          .contains(before);
    }
    int first = cyclic.ids().indexOf(cycle.get(0));
    assertThat(violations.get(0).path())
        .isEqualTo("$.work_units[" + cyclic.declaredAt(first) + "]");
  }

  @Property
  void aMissingDependencyIsRejectedWithItsIdNamed(@ForAll("missingIds") Damaged damaged) {
    RandomDag dag = damaged.dag();
    // '-' is not in the id alphabet, so no unit has this id.
    String missing = "missing-" + damaged.other();
    GraphJson document = dag.toJson();
    int position = dag.declaredAt(damaged.unit());
    RandomDag.unitAt(document, position).withArray("dependencies").add(missing);

    List<Violation> violations = violations(parse(document));

    assertThat(violations)
        .extracting(Violation::code, Violation::path)
        .containsExactly(
            org.assertj.core.api.Assertions.tuple(
                ViolationCode.UNKNOWN_DEPENDENCY,
                "$.work_units["
                    + position
                    + "].dependencies["
                    + dag.dependencies().get(damaged.unit()).size()
                    + "]"));
    assertThat(violations.get(0).message()).contains("\"" + missing + "\"");
  }
}
