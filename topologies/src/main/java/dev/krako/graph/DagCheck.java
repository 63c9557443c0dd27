package dev.krako.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds a cycle in a dependency graph, so a rejection can name it. */
public final class DagCheck {

  private DagCheck() {}

  /**
   * A cycle as the list of ids along it, the first id repeated at the end ({@code a → b → a}), or
   * empty when the graph is acyclic. Dependencies on ids outside the map are ignored: they are
   * reported separately as unknown dependencies. Iterative, so a deep chain cannot overflow.
   */
  public static Optional<List<String>> findCycle(Map<String, List<String>> dependencies) {
    Map<String, Integer> state = new HashMap<>(); // absent: unseen, 1: on the path, 2: done
    for (String root : dependencies.keySet().stream().sorted().toList()) {
      if (state.containsKey(root)) {
        continue;
      }
      Optional<List<String>> cycle = walk(root, dependencies, state);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private static Optional<List<String>> walk(
      String root, Map<String, List<String>> deps, Map<String, Integer> state) {
    List<String> path = new ArrayList<>();
    List<Integer> nextChild = new ArrayList<>();
    path.add(root);
    nextChild.add(0);
    state.put(root, 1);
    while (!path.isEmpty()) {
      int top = path.size() - 1;
      String node = path.get(top);
      List<String> children = deps.getOrDefault(node, List.of());
      int i = nextChild.get(top);
      if (i == children.size()) {
        state.put(node, 2);
        path.remove(top);
        nextChild.remove(top);
        continue;
      }
      nextChild.set(top, i + 1);
      String child = children.get(i);
      if (!deps.containsKey(child)) {
        continue;
      }
      Integer seen = state.get(child);
      if (seen == null) {
        state.put(child, 1);
        path.add(child);
        nextChild.add(0);
      } else if (seen == 1) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(child), path.size()));
        cycle.add(child);
        // Dependencies point backwards in time; name the cycle in execution order.
        Collections.reverse(cycle);
        return Optional.of(List.copyOf(cycle));
      }
    }
    return Optional.empty();
  }
}
