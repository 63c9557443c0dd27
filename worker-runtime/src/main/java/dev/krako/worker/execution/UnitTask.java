package dev.krako.worker.execution;

import java.util.List;
import java.util.Map;

/**
 * One attempt of one unit, as an executor sees it: the dispatch record without its Kafka and Avro
 * form.
 *
 * @param runJson the unit's {@code run} object as JSON text
 * @param inputJson the unit's {@code input} object as JSON text
 * @param dependencyOutputs output JSON text of each completed dependency, by id
 */
public record UnitTask(
    String sessionId,
    String workUnitId,
    int attemptIndex,
    String type,
    String runJson,
    String inputJson,
    List<String> dependencyIds,
    Map<String, String> dependencyOutputs) {

  public UnitTask {
    dependencyIds = List.copyOf(dependencyIds);
    dependencyOutputs = Map.copyOf(dependencyOutputs);
  }
}
