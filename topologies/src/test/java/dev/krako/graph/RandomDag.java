package dev.krako.graph;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * A random dependency graph for property tests. Unit {@code i} depends only on units with a smaller
 * index, so the graph is acyclic unless a test adds an edge with {@link #withDependency}; units are
 * declared in a random order, so declaration order is not a topological order.
 *
 * @param ids unique ids, some beyond the Basic Multilingual Plane
 * @param dependencies for each unit, the indices of the units it depends on
 * @param declarationOrder the unit indices in the order the document declares them
 */
public record RandomDag(
    List<String> ids,
    List<List<Integer>> dependencies,
    List<UnitType> types,
    List<Integer> declarationOrder) {

  // Letters, a private-use BMP character and two beyond the BMP: code-point order and UTF-16
  // order disagree on these, and JSON must carry them intact.
  private static final Arbitrary<String> ID =
      Arbitraries.of("a", "b", "Z", "9", "_", "é", "中", "\uE000", "\uFFEE", "😀", "𝔸")
          .list()
          .ofMinSize(1)
          .ofMaxSize(3)
          .map(parts -> String.join("", parts));

  public RandomDag {
    ids = List.copyOf(ids);
    dependencies = dependencies.stream().map(List::copyOf).toList();
    types = List.copyOf(types);
    declarationOrder = List.copyOf(declarationOrder);
  }

  /** Acyclic graphs of {@code minUnits} to {@code maxUnits} units. */
  public static Arbitrary<RandomDag> dags(int minUnits, int maxUnits) {
    return Arbitraries.integers().between(minUnits, maxUnits).flatMap(RandomDag::dagsOfSize);
  }

  private static Arbitrary<RandomDag> dagsOfSize(int n) {
    // Shrinks towards false: a failing case shrinks to fewer edges.
    Arbitrary<Boolean> edge = Arbitraries.integers().between(0, 99).map(p -> p >= 70);
    return Combinators.combine(
            ID.list().ofSize(n).uniqueElements(),
            edge.list().ofSize(n * (n - 1) / 2),
            Arbitraries.of(UnitType.class).list().ofSize(n),
            Arbitraries.shuffle(IntStream.range(0, n).boxed().toList()))
        .as((ids, edges, types, order) -> new RandomDag(ids, decode(n, edges), types, order));
  }

  private static List<List<Integer>> decode(int n, List<Boolean> edges) {
    List<List<Integer>> dependencies = new ArrayList<>();
    int next = 0;
    for (int unit = 0; unit < n; unit++) {
      List<Integer> deps = new ArrayList<>();
      for (int earlier = 0; earlier < unit; earlier++) {
        if (edges.get(next++)) {
          deps.add(earlier);
        }
      }
      dependencies.add(deps);
    }
    return dependencies;
  }

  public int size() {
    return ids.size();
  }

  /** The ids unit {@code index} depends on. */
  public List<String> dependencyIds(int index) {
    return dependencies.get(index).stream().map(ids::get).toList();
  }

  /** The position of unit {@code index} in {@code $.work_units}. */
  public int declaredAt(int index) {
    return declarationOrder.indexOf(index);
  }

  /** The same graph with one more edge: {@code unit} also depends on {@code dependency}. */
  public RandomDag withDependency(int unit, int dependency) {
    if (dependencies.get(unit).contains(dependency)) {
      return this;
    }
    List<List<Integer>> next = new ArrayList<>(dependencies);
    List<Integer> deps = new ArrayList<>(next.get(unit));
    deps.add(dependency);
    next.set(unit, deps);
    return new RandomDag(ids, next, types, declarationOrder);
  }

  /** The graph as a TaskGraph 1.x document, units in declaration order. */
  public GraphJson toJson() {
    UnitJson[] units =
        declarationOrder.stream()
            .map(
                i ->
                    UnitJson.unit(
                        ids.get(i),
                        types.get(i).wireName(),
                        dependencyIds(i).toArray(String[]::new)))
            .toArray(UnitJson[]::new);
    return GraphJson.graph(units);
  }

  /**
   * The unit object at declaration position {@code position} of a document from {@link #toJson}.
   */
  public static ObjectNode unitAt(GraphJson document, int position) {
    return (ObjectNode) document.node().withArray("work_units").get(position);
  }

  /** The graph as an accepted TaskGraph, built without the parser; one attempt per unit. */
  public TaskGraph toTaskGraph(FailurePolicy policy) {
    List<WorkUnit> units =
        declarationOrder.stream()
            .map(
                i ->
                    new WorkUnit(
                        ids.get(i),
                        types.get(i),
                        dependencyIds(i),
                        "{}",
                        "{}",
                        Privacy.ALLOW_REMOTE,
                        false,
                        null,
                        1,
                        0,
                        null,
                        false,
                        null))
            .toList();
    return new TaskGraph(
        "1.0",
        "g-random",
        "r-random",
        "t-random",
        Instant.parse("2026-01-01T00:00:00Z"),
        new Budgets(100, 100, 100_000, 600_000, BigDecimal.TEN),
        policy,
        units,
        TaskGraphReader.sinks(units));
  }
}
