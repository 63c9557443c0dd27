package dev.krako.graph;

import static dev.krako.graph.KoraGraphJson.det;
import static dev.krako.graph.KoraGraphJson.koraGraph;
import static dev.krako.graph.KoraGraphJson.llm;
import static dev.krako.graph.KoraGraphJson.parseKora;
import static dev.krako.graph.Parsing.accepted;
import static dev.krako.graph.Parsing.violations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The 0.1 mapping over random DAGs: the mapped graph has the same tasks, the same edges, and the
 * DAG checks name what is wrong at 0.1 paths.
 */
final class KoraDagPropertiesTest {

  /** A random DAG and a later unit that gets a back edge to an earlier one. */
  record BackEdge(RandomDag dag, int earlier, int later) {}

  @Provide
  Arbitrary<RandomDag> dags() {
    return RandomDag.dags(1, 40);
  }

  @Provide
  Arbitrary<BackEdge> backEdges() {
    return RandomDag.dags(2, 40)
        .flatMap(
            dag ->
                Arbitraries.integers()
                    .between(1, dag.size() - 1)
                    .flatMap(
                        later ->
                            Arbitraries.integers()
                                .between(0, later - 1)
                                .map(earlier -> new BackEdge(dag, earlier, later))));
  }

  /** The DAG as a 0.1 document: llm units become llm tasks, every other type a det task. */
  static KoraGraphJson toKora(RandomDag dag) {
    KoraGraphJson.Task[] tasks =
        dag.declarationOrder().stream()
            .map(
                i -> {
                  String[] deps = dag.dependencyIds(i).toArray(String[]::new);
                  String id = dag.ids().get(i);
                  return dag.types().get(i) == UnitType.LLM
                      ? llm(id, "openai", deps)
                      : det(id, deps);
                })
            .toArray(KoraGraphJson.Task[]::new);
    return koraGraph(tasks);
  }

  @Property
  void theMappedGraphHasTheSameTasksAndEdges(@ForAll("dags") RandomDag dag) {
    TaskGraph graph = accepted(parseKora(toKora(dag)));

    assertThat(graph.workUnits()).hasSize(dag.size());
    assertThat(graph.workUnits())
        .extracting(WorkUnit::id)
        .containsExactlyElementsOf(dag.declarationOrder().stream().map(dag.ids()::get).toList());
    for (int i = 0; i < dag.size(); i++) {
      WorkUnit unit = graph.unit(dag.ids().get(i)).orElseThrow();
      assertThat(unit.dependencies()).containsExactlyElementsOf(dag.dependencyIds(i));
      assertThat(unit.type())
          .isEqualTo(dag.types().get(i) == UnitType.LLM ? UnitType.LLM : UnitType.DETERMINISTIC);
    }
  }

  @Property
  void theCallCapsAreTheAttemptsOfEachKind(
      @ForAll("dags") RandomDag dag, @ForAll @IntRange(min = -2, max = 4) int retries) {
    KoraGraphJson document = toKora(dag).with("defaults.budget.max_retries", retries);
    document
        .node()
        .withArray("tasks")
        .forEach(t -> GraphJson.set((ObjectNode) t, "policy.on_fail", "retry"));

    TaskGraph graph = accepted(parseKora(document));

    int attempts = 1 + Math.max(0, retries);
    long llm =
        IntStream.range(0, dag.size()).filter(i -> dag.types().get(i) == UnitType.LLM).count();
    assertThat(graph.workUnits()).allSatisfy(u -> assertThat(u.maxAttempts()).isEqualTo(attempts));
    assertThat(graph.budgets().maxLlmCalls()).isEqualTo(llm * attempts);
    assertThat(graph.budgets().maxCpuUnits()).isEqualTo((dag.size() - llm) * attempts);
  }

  @Property
  void aBackEdgeIsADagCycleAtATaskPath(@ForAll("backEdges") BackEdge edge) {
    RandomDag cyclic =
        edge.dag()
            .withDependency(edge.later(), edge.earlier())
            .withDependency(edge.earlier(), edge.later());

    List<Violation> violations = violations(parseKora(toKora(cyclic)));

    assertThat(violations).extracting(Violation::code).containsExactly(ViolationCode.DAG_CYCLE);
    List<String> cycle = Arrays.asList(violations.get(0).message().split(" → "));
    assertThat(cycle.get(0)).isEqualTo(cycle.get(cycle.size() - 1));
    int first = cyclic.ids().indexOf(cycle.get(0));
    assertThat(violations.get(0).path()).isEqualTo("$.tasks[" + cyclic.declaredAt(first) + "]");
  }

  @Property
  void aMissingDependencyIsUnknownAtItsDepsPath(
      @ForAll("dags") RandomDag dag, @ForAll @IntRange(min = 0, max = 39) int pick) {
    int unit = pick % dag.size();
    int position = dag.declaredAt(unit);
    KoraGraphJson document = toKora(dag);
    // '-' is not in RandomDag's id alphabet, so no task has this id.
    ((ObjectNode) document.node().withArray("tasks").get(position))
        .withArray("deps")
        .add("missing-id");

    assertThat(violations(parseKora(document)))
        .extracting(Violation::code, Violation::path)
        .containsExactly(
            tuple(
                ViolationCode.UNKNOWN_DEPENDENCY,
                "$.tasks[" + position + "].deps[" + dag.dependencies().get(unit).size() + "]"));
  }
}
