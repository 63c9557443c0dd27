package dev.krako.graph;

import java.util.List;

/** What ingress makes of one submitted document: a graph to run, or every reason it cannot. */
public sealed interface ParseOutcome {

  /** The graph passed every check. */
  record Accepted(TaskGraph graph) implements ParseOutcome {}

  /**
   * The graph failed at least one check. The identity fields are whatever could be read, so the
   * rejection can be routed back to its sender; each may be null.
   */
  record Rejected(String graphId, String tenantId, String requestId, List<Violation> violations)
      implements ParseOutcome {

    public Rejected {
      violations = List.copyOf(violations);
      if (violations.isEmpty()) {
        throw new IllegalArgumentException("A rejection names at least one violation.");
      }
    }
  }
}
