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

/** Reads {@code $.work_units} and checks the DAG they form. */
final class WorkUnitsReader {

  private final Fields fields;
  private final IngressLimits limits;
  // Every id the document declares, even on a unit with other violations, so that a dependency
  // on such a unit is not also reported as unknown.
  private final Set<String> declaredIds = new HashSet<>();

  WorkUnitsReader(Fields fields, IngressLimits limits) {
    this.fields = fields;
    this.limits = limits;
  }

  List<WorkUnit> read(JsonNode root) {
    JsonNode array = root.get("work_units");
    if (array == null || array.isNull()) {
      fields.add(ViolationCode.MISSING_FIELD, "$.work_units", "the field is required");
      return List.of();
    }
    if (!array.isArray()) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          "$.work_units",
          "expected an array, found " + Fields.kind(array));
      return List.of();
    }
    if (array.isEmpty()) {
      fields.add(ViolationCode.EMPTY_GRAPH, "$.work_units", "a graph has at least one unit");
      return List.of();
    }
    if (array.size() > limits.maxWorkUnits()) {
      fields.add(
          ViolationCode.TOO_LARGE,
          "$.work_units",
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
      String path = "$.work_units[" + i + "]";
      Optional<WorkUnit> unit = new WorkUnitReader(fields).read(array.get(i), path);
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
          "$.work_units[" + index + "].id",
          "the id \"" + unit.id() + "\" is already used by another unit");
      return;
    }
    units.add(unit);
  }

  private void checkDependencies(List<WorkUnit> units, Map<String, Integer> indexById) {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (WorkUnit unit : units) {
      String path = "$.work_units[" + indexById.get(unit.id()) + "].dependencies";
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
                    "$.work_units[" + indexById.get(cycle.get(0)) + "]",
                    String.join(" → ", cycle)));
  }
}
