package dev.krako.worker.execution;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One attempt of one unit, as an executor sees it: the dispatch record without its Kafka and Avro
 * form.
 *
 * @param type the unit type's wire name: deterministic, retrieval, small_model or llm
 * @param runJson the unit's {@code run} object as JSON text
 * @param inputJson the unit's {@code input} object as JSON text
 * @param dependencyOutputs output JSON text of each completed dependency, by id (null values for
 *     dependencies that produced none)
 * @param verificationMode none, schema, quorum or recompute
 * @param outputSchemaJson the JSON Schema the output must match, or null
 * @param tokenGrant the tokens this attempt may use (model units), or null
 */
public record UnitTask(
    String sessionId,
    String workUnitId,
    int attemptIndex,
    String type,
    String runJson,
    String inputJson,
    List<String> dependencyIds,
    Map<String, String> dependencyOutputs,
    String verificationMode,
    String outputSchemaJson,
    Long tokenGrant) {

  public UnitTask {
    dependencyIds = List.copyOf(dependencyIds);
    dependencyOutputs = Collections.unmodifiableMap(new LinkedHashMap<>(dependencyOutputs));
  }

  /** A task with no verification and no token grant. */
  public UnitTask(
      String sessionId,
      String workUnitId,
      int attemptIndex,
      String type,
      String runJson,
      String inputJson,
      List<String> dependencyIds,
      Map<String, String> dependencyOutputs) {
    this(
        sessionId,
        workUnitId,
        attemptIndex,
        type,
        runJson,
        inputJson,
        dependencyIds,
        dependencyOutputs,
        "none",
        null,
        null);
  }
}
