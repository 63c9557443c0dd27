package dev.krako.worker.resilience;

import dev.krako.worker.resilience.TrustStanding.Member;
import dev.krako.worker.resilience.TrustStanding.Out;
import dev.krako.worker.resilience.TrustStanding.Probation;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;

/**
 * The trust placement policy of one node (docs/trust.md, "Placement policy"), as a pure function of
 * its standing, its own trust record, its peers' records and the time.
 *
 * <ul>
 *   <li>A member whose outcome score is below {@link TrustThresholds#leaveBelow()}, once its
 *       evidence reaches {@link TrustThresholds#minEvidence()}, goes out.
 *   <li>Never the last one: it stays (and the caller warns) when no fresh peer of its substrate has
 *       a published score at or above the threshold; a node out of its group rejoins at once when
 *       that happens. An empty pool is worse than a weak node.
 *   <li>After {@link TrustThresholds#coolDown()} out, it rejoins on probation; on probation it
 *       works fully again once its outcome score is above {@link TrustThresholds#resumeAbove()},
 *       and goes out again when a new failure leaves it below the threshold.
 * </ul>
 */
public final class TrustPolicy {

  private final TrustThresholds thresholds;

  public TrustPolicy(TrustThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /**
   * The node's next standing.
   *
   * @param own the node's record; empty when trust has not heard of it (it stays a member)
   * @param peers the records of the other nodes of its substrate
   */
  public Decision decide(
      TrustStanding standing,
      Optional<NodeOutcomes> own,
      Collection<NodeOutcomes> peers,
      Instant now) {
    boolean othersLeft = peers.stream().anyMatch(p -> countsAsWorking(p, now));
    if (standing instanceof Member) {
      if (!untrusted(own)) {
        return Decision.to(standing);
      }
      return othersLeft ? Decision.to(new Out(now)) : Decision.keptAsLast(standing);
    }
    if (standing instanceof Out out) {
      if (!othersLeft) {
        return Decision.keptAsLast(new Member());
      }
      if (!now.isBefore(out.since().plus(thresholds.coolDown()))) {
        return Decision.to(new Probation(own.map(NodeOutcomes::penalty).orElse(0L)));
      }
      return Decision.to(standing);
    }
    Probation probation = (Probation) standing;
    if (own.isEmpty() || own.get().outcomeScore().compareTo(thresholds.resumeAbove()) > 0) {
      return Decision.to(new Member());
    }
    boolean failedAgain = own.get().penalty() > probation.penaltyAtRejoin();
    if (failedAgain && untrusted(own)) {
      return othersLeft ? Decision.to(new Out(now)) : Decision.keptAsLast(standing);
    }
    return Decision.to(standing);
  }

  /** Below the threshold, with enough evidence to say so. */
  private boolean untrusted(Optional<NodeOutcomes> own) {
    return own.isPresent()
        && own.get().evidence() >= thresholds.minEvidence()
        && own.get().outcomeScore().compareTo(thresholds.leaveBelow()) < 0;
  }

  /**
   * A peer that would take the work: its published score (a stopped or failing peer reports {@code
   * down} and scores 0) is at or above the threshold, and its record is fresh.
   */
  private boolean countsAsWorking(NodeOutcomes peer, Instant now) {
    return peer.score().compareTo(thresholds.leaveBelow()) >= 0
        && !peer.lastEventTime().plus(thresholds.peerFreshness()).isBefore(now);
  }

  /**
   * @param standing the node's next standing
   * @param keptAsLast the node is untrusted but stays in its group because it is the last one of
   *     its substrate; the caller warns
   */
  public record Decision(TrustStanding standing, boolean keptAsLast) {
    static Decision to(TrustStanding standing) {
      return new Decision(standing, false);
    }

    static Decision keptAsLast(TrustStanding standing) {
      return new Decision(standing, true);
    }
  }
}
