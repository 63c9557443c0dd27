package dev.krako.graph;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A TaskGraph that passed validation, in Krako's canonical 1.x form: a DAG of WorkUnits with unique
 * ids, dependencies that exist, and no cycle.
 *
 * @param finalOutputs the units whose outputs form the session's final output
 */
public record TaskGraph(
    String schemaVersion,
    String graphId,
    String requestId,
    String tenantId,
    Instant createdAt,
    Budgets budgets,
    FailurePolicy failurePolicy,
    List<WorkUnit> workUnits,
    List<String> finalOutputs,
    SourceFormat sourceFormat) {

  public TaskGraph {
    workUnits = List.copyOf(workUnits);
    finalOutputs = List.copyOf(finalOutputs);
    java.util.Objects.requireNonNull(sourceFormat, "sourceFormat");
  }

  /** A graph submitted as TaskGraph 1.x. */
  public TaskGraph(
      String schemaVersion,
      String graphId,
      String requestId,
      String tenantId,
      Instant createdAt,
      Budgets budgets,
      FailurePolicy failurePolicy,
      List<WorkUnit> workUnits,
      List<String> finalOutputs) {
    this(
        schemaVersion,
        graphId,
        requestId,
        tenantId,
        createdAt,
        budgets,
        failurePolicy,
        workUnits,
        finalOutputs,
        SourceFormat.TASKGRAPH_1X);
  }

  /** The unit with this id, if the graph declares it. */
  public Optional<WorkUnit> unit(String id) {
    return workUnits.stream().filter(u -> u.id().equals(id)).findFirst();
  }
}
