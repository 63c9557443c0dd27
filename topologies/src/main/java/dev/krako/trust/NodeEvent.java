package dev.krako.trust;

import java.time.Instant;
import java.util.Objects;

/**
 * One event of the log about one node: which node, on which substrate, when (the event's time,
 * never the wall clock), and what it tells.
 */
public record NodeEvent(String nodeId, Substrate substrate, Instant eventTime, NodeFact fact) {

  public NodeEvent {
    if (nodeId == null || nodeId.isBlank()) {
      throw new UnattributableEventException("An event about a node names the node.");
    }
    Objects.requireNonNull(substrate, "substrate");
    Objects.requireNonNull(eventTime, "eventTime");
    Objects.requireNonNull(fact, "fact");
  }
}
