package dev.krako.trust;

import java.util.Objects;

/** What one event of the log tells about the node that reported it. */
public sealed interface NodeFact {

  /** The node claimed an attempt ({@code workunit.claimed}). */
  record Claimed() implements NodeFact {}

  /** The node completed an attempt ({@code workunit.completed}). */
  record Completed() implements NodeFact {}

  /** An attempt failed on the node ({@code workunit.failed}), with its error code. */
  record Failed(String errorCode) implements NodeFact {
    public Failed {
      Objects.requireNonNull(errorCode, "errorCode");
    }

    public FailureKind kind() {
      return FailureKind.of(errorCode);
    }
  }

  /** A replica of the node produced the output that won its verdict (quorum, recompute). */
  record Agreed() implements NodeFact {}

  /** A replica of the node completed with an output that lost its verdict. */
  record Disagreed() implements NodeFact {}

  /** A model call of the node failed ({@code llm.invocation.failed}); it may have timed out. */
  record ModelCallFailed(boolean timedOut) implements NodeFact {}

  /** The node's health was reported ({@code node.health.updated}). */
  record HealthReported(Health health) implements NodeFact {
    public HealthReported {
      Objects.requireNonNull(health, "health");
    }
  }
}
