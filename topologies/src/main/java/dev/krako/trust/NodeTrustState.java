package dev.krako.trust;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * What the event log says about one node: its tally, its health in force and the last time it was
 * heard of. A fold with sums and maxima only — the substrate and the health are those of the latest
 * event in event time, ties broken by the greater symbol — so the same events give the same state
 * in any order, however the node's events interleave across sessions and partitions.
 *
 * @param substrate of the latest event; {@link Substrate#UNKNOWN} before the first
 * @param healthTime the event time of the health report in force; null before the first
 * @param lastEventTime the latest event time folded in; null before the first event
 */
public record NodeTrustState(
    String nodeId,
    Substrate substrate,
    Tally tally,
    Health health,
    Instant healthTime,
    Instant lastEventTime) {

  public NodeTrustState {
    if (nodeId == null || nodeId.isBlank()) {
      throw new IllegalArgumentException("A node's trust names the node.");
    }
    Objects.requireNonNull(substrate, "substrate");
    Objects.requireNonNull(tally, "tally");
    Objects.requireNonNull(health, "health");
    if (healthTime == null && health != Health.UNKNOWN) {
      throw new IllegalArgumentException("A known health comes from a report with a time.");
    }
  }

  /** A node nothing has been heard of yet. */
  public static NodeTrustState unheardOf(String nodeId) {
    return new NodeTrustState(nodeId, Substrate.UNKNOWN, Tally.NONE, Health.UNKNOWN, null, null);
  }

  /** This state with one more event of this node. */
  public NodeTrustState observe(NodeEvent event) {
    if (!nodeId.equals(event.nodeId())) {
      throw new IllegalArgumentException(
          "An event of node " + event.nodeId() + " is not about node " + nodeId + ".");
    }
    Instant at = event.eventTime();
    boolean newest = lastEventTime == null || at.isAfter(lastEventTime);
    boolean tie = at.equals(lastEventTime);
    Substrate nextSubstrate =
        newest || (tie && event.substrate().compareTo(substrate) > 0)
            ? event.substrate()
            : substrate;
    Health nextHealth = health;
    Instant nextHealthTime = healthTime;
    if (event.fact() instanceof NodeFact.HealthReported reported
        && supersedes(at, reported.health())) {
      nextHealth = reported.health();
      nextHealthTime = at;
    }
    return new NodeTrustState(
        nodeId,
        nextSubstrate,
        tally.plus(event.fact()),
        nextHealth,
        nextHealthTime,
        newest ? at : lastEventTime);
  }

  /**
   * The state of this node's events and {@code other}'s together, as if both sets had been folded
   * into one state: tallies add, and the substrate, the health and the last event time are those of
   * the later event time, ties broken as {@link #observe} breaks them. So folding any split of a
   * node's events into parts and merging the parts, in any order, gives the state of folding them
   * all (ADR 031: each partition of the event log folds its own part).
   */
  public NodeTrustState merge(NodeTrustState other) {
    if (!nodeId.equals(other.nodeId)) {
      throw new IllegalArgumentException(
          "The trust of node " + other.nodeId + " is not that of node " + nodeId + ".");
    }
    boolean otherLater =
        other.lastEventTime != null
            && (lastEventTime == null || other.lastEventTime.isAfter(lastEventTime));
    boolean tie = other.lastEventTime != null && other.lastEventTime.equals(lastEventTime);
    boolean otherHealth = other.healthTime != null && supersedes(other.healthTime, other.health);
    return new NodeTrustState(
        nodeId,
        otherLater || (tie && other.substrate.compareTo(substrate) > 0)
            ? other.substrate
            : substrate,
        tally.plus(other.tally),
        otherHealth ? other.health : health,
        otherHealth ? other.healthTime : healthTime,
        otherLater ? other.lastEventTime : lastEventTime);
  }

  /** The score under the current rule ({@link TrustScore}). */
  public BigDecimal score() {
    return TrustScore.of(tally, health);
  }

  private boolean supersedes(Instant at, Health reported) {
    return healthTime == null
        || at.isAfter(healthTime)
        || (at.equals(healthTime) && reported.compareTo(health) > 0);
  }
}
