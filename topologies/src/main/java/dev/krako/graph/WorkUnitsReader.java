package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the array of units ({@code $.work_units} in 1.x, {@code $.tasks} in KORA Task IR 0.1) and
 * checks the DAG they form: unique ids, known dependencies, no cycle.
 */
final class WorkUnitsReader {

  /** Reads one element of the array at its JSON path, reporting its own violations. */
  @FunctionalInterface
  interface ElementReader {
    Optional<WorkUnit> read(JsonNode element, String path);
  }

  private final Fields fields;
  private final IngressLimits limits;
  private final String arrayName;
  private final String arrayPath;
  private final String dependenciesName;
  private final ElementReader elements;
  // Every id the document declares, even on a unit with other violations, so that a dependency
  // on such a unit is not also reported as unknown.
  private final Set<String> declaredIds = new HashSet<>();

  /** The 1.x reader: {@code $.work_units}, each unit's {@code dependencies}. */
  WorkUnitsReader(Fields fields, IngressLimits limits) {
    this(
        fields,
        limits,
        "work_units",
        "dependencies",
        (element, path) -> new WorkUnitReader(fields).read(element, path));
  }

  /**
   * A reader of another array of units with the same DAG rules.
   *
   * @param arrayName the top-level field that holds the units
   * @param dependenciesName the field of a unit that lists its dependencies, for paths
   */
  WorkUnitsReader(
      Fields fields,
      IngressLimits limits,
      String arrayName,
      String dependenciesName,
      ElementReader elements) {
    this.fields = fields;
    this.limits = limits;
    this.arrayName = arrayName;
    this.arrayPath = "$." + arrayName;
    this.dependenciesName = dependenciesName;
    this.elements = elements;
  }

  List<WorkUnit> read(JsonNode root) {
    JsonNode array = root.get(arrayName);
    if (array == null || array.isNull()) {
      fields.add(ViolationCode.MISSING_FIELD, arrayPath, "the field is required");
      return List.of();
    }
    if (!array.isArray()) {
      fields.add(
          ViolationCode.WRONG_TYPE, arrayPath, "expected an array, found " + Fields.kind(array));
      return List.of();
    }
    if (array.isEmpty()) {
      fields.add(ViolationCode.EMPTY_GRAPH, arrayPath, "a graph has at least one unit");
      return List.of();
    }
    if (array.size() > limits.maxWorkUnits()) {
      fields.add(
          ViolationCode.TOO_LARGE,
          arrayPath,
          "the graph has " + array.size() + " units; the limit is " + limits.maxWorkUnits());
      return List.of();
    }
    List<WorkUnit> units = new ArrayList<>();
    // Position in the submitted array of each readable unit, so paths point at what KORA sent.
    Map<String, Integer> indexById = new HashMap<>();
    for (JsonNode element : array) {
      if (element.path("id").isTextual()) {
        declaredIds.add(element.get("id").textValue());
      }
    }
    for (int i = 0; i < array.size(); i++) {
      String path = arrayPath + "[" + i + "]";
      Optional<WorkUnit> unit = elements.read(array.get(i), path);
      int index = i;
      unit.ifPresent(u -> register(u, units, indexById, index));
    }
    checkDependencies(units, indexById);
    return units;
  }

  /** The ids of every unit in the array, readable or not; empty when the array was not read. */
  Set<String> declaredIds() {
    return declaredIds;
  }

  private void register(
      WorkUnit unit, List<WorkUnit> units, Map<String, Integer> indexById, int index) {
    if (indexById.putIfAbsent(unit.id(), index) != null) {
      fields.add(
          ViolationCode.DUPLICATE_WORK_UNIT_ID,
          arrayPath + "[" + index + "].id",
          "the id \"" + unit.id() + "\" is already used by another unit");
      return;
    }
    units.add(unit);
  }

  private void checkDependencies(List<WorkUnit> units, Map<String, Integer> indexById) {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (WorkUnit unit : units) {
      String path = arrayPath + "[" + indexById.get(unit.id()) + "]." + dependenciesName;
      Set<String> seen = new HashSet<>();
      for (int d = 0; d < unit.dependencies().size(); d++) {
        String dep = unit.dependencies().get(d);
        if (dep.equals(unit.id())) {
          fields.add(
              ViolationCode.DAG_CYCLE,
              path + "[" + d + "]",
              "the unit depends on itself (" + dep + " → " + dep + ")");
        } else if (!declaredIds.contains(dep)) {
          fields.add(
              ViolationCode.UNKNOWN_DEPENDENCY,
              path + "[" + d + "]",
              "no work unit has the id \"" + dep + "\"");
        } else if (!seen.add(dep)) {
          fields.add(
              ViolationCode.WRONG_TYPE,
              path + "[" + d + "]",
              "the dependency \"" + dep + "\" is listed twice");
        }
      }
      graph.put(unit.id(), unit.dependencies().stream().filter(d -> !d.equals(unit.id())).toList());
    }
    DagCheck.findCycle(graph)
        .ifPresent(
            cycle ->
                fields.add(
                    ViolationCode.DAG_CYCLE,
                    arrayPath + "[" + indexById.get(cycle.get(0)) + "]",
                    String.join(" → ", cycle)));
  }
}
