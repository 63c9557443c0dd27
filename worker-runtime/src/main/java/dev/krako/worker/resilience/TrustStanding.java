package dev.krako.worker.resilience;

import java.time.Instant;

/**
 * Where a node stands with the trust placement policy: in its group, out of it, or on probation.
 */
public sealed interface TrustStanding {

  /** In its dispatch group, claiming as usual. */
  record Member() implements TrustStanding {}

  /** Out of its dispatch group since {@code since}: it claims nothing. */
  record Out(Instant since) implements TrustStanding {}

  /**
   * Back in its group after a cool-down, claiming one unit at a time (the node, not each loop).
   *
   * @param penaltyAtRejoin the node's penalty when it rejoined: a failure since then, while its
   *     score is still below the threshold, sends it out again
   */
  record Probation(long penaltyAtRejoin) implements TrustStanding {}
}
