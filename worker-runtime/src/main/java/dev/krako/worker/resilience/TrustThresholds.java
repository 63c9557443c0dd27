package dev.krako.worker.resilience;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * The numbers of the trust placement policy (docs/trust.md, "Placement policy").
 *
 * @param leaveBelow a node whose outcome score is below it, with enough evidence, leaves its
 *     dispatch group; default 0.5 (a node nobody has heard of scores exactly that)
 * @param resumeAbove a node on probation works fully again once its outcome score is above it;
 *     default 0.6, a gap above {@code leaveBelow} so that one outcome does not make a node flap
 * @param minEvidence the policy judges a node only once {@code completed + penalty} reaches it;
 *     default 10, so that one early failure (0.3333) does not send a new node away
 * @param coolDown how long a node stays out before it rejoins on probation; default 10 minutes
 * @param peerFreshness a peer counts for the last-node rule only if its record moved within this
 *     time: a node killed without its {@code down} report keeps its last score in the compacted
 *     topic, and must not count as a working peer forever. Every live node reports its health every
 *     30 s by default, which moves its record; default 2 minutes
 */
public record TrustThresholds(
    BigDecimal leaveBelow,
    BigDecimal resumeAbove,
    long minEvidence,
    Duration coolDown,
    Duration peerFreshness) {

  public static final TrustThresholds DEFAULTS =
      new TrustThresholds(
          new BigDecimal("0.5"),
          new BigDecimal("0.6"),
          10,
          Duration.ofMinutes(10),
          Duration.ofMinutes(2));

  public TrustThresholds {
    Objects.requireNonNull(leaveBelow, "leaveBelow");
    Objects.requireNonNull(resumeAbove, "resumeAbove");
    Objects.requireNonNull(coolDown, "coolDown");
    Objects.requireNonNull(peerFreshness, "peerFreshness");
    if (leaveBelow.signum() < 0 || resumeAbove.compareTo(leaveBelow) < 0) {
      throw new IllegalArgumentException("Need 0 <= leaveBelow <= resumeAbove.");
    }
    if (minEvidence < 0 || coolDown.isNegative() || peerFreshness.isNegative()) {
      throw new IllegalArgumentException("minEvidence, coolDown and peerFreshness must be >= 0.");
    }
  }

  /** The same thresholds with another cool-down (tests shorten it). */
  public TrustThresholds withCoolDown(Duration d) {
    return new TrustThresholds(leaveBelow, resumeAbove, minEvidence, d, peerFreshness);
  }
}
