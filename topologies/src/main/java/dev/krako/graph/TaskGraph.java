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
    List<String> finalOutputs) {

  public TaskGraph {
    workUnits = List.copyOf(workUnits);
    finalOutputs = List.copyOf(finalOutputs);
  }

  /** The unit with this id, if the graph declares it. */
  public Optional<WorkUnit> unit(String id) {
    return workUnits.stream().filter(u -> u.id().equals(id)).findFirst();
  }
}
