package dev.krako.worker.resilience;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * What the trust topic says of one node ({@code NodeTrust}, docs/trust.md), as the placement policy
 * reads it: the node's outcome counters, its published score and when its record last moved.
 *
 * @param substrate the substrate's wire name, e.g. {@code cpu_pool}
 * @param score the published score, health included
 * @param lastEventTime the latest event time folded into the record
 */
public record NodeOutcomes(
    String nodeId,
    String substrate,
    long completed,
    long failed,
    long graphFaults,
    long verificationFailures,
    long verificationDisagreements,
    BigDecimal score,
    Instant lastEventTime) {

  public NodeOutcomes {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(substrate, "substrate");
    Objects.requireNonNull(score, "score");
    Objects.requireNonNull(lastEventTime, "lastEventTime");
  }

  /** The score rule v2's penalty: what the node's failures and wrong outputs weigh. */
  public long penalty() {
    return failed - graphFaults + verificationFailures + 2 * verificationDisagreements;
  }

  /** How much the policy knows of the node: {@code completed + penalty}. */
  public long evidence() {
    return completed + penalty();
  }

  /**
   * The score rule v2 with a health factor of 1: what the node's outcomes alone say. A node judges
   * itself by it, not by its published score, because the {@code degraded} report it makes while
   * out of its group halves the published score: judged by that, it could never climb back above
   * the resume threshold (at most 0.5 × 1).
   */
  public BigDecimal outcomeScore() {
    long successes = Math.max(0, completed - verificationDisagreements);
    return BigDecimal.valueOf(successes + 1)
        .divide(BigDecimal.valueOf(successes + penalty() + 2), 4, RoundingMode.HALF_EVEN);
  }
}
