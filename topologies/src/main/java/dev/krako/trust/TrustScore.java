package dev.krako.trust;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The scoring rule, version {@value #VERSION} (docs/trust.md): a Laplace-smoothed success ratio
 * times a health factor,
 *
 * <pre>
 *   score = (successes + 1) × health factor ÷ (successes + penalty + 2)
 *   successes = completed − replica disagreements (never below 0)
 *   penalty = failed − graph faults + verification failures + 2 × replica disagreements
 * </pre>
 *
 * Without replica disagreements it is rule v1 exactly.
 *
 * <p>computed exactly and rounded once to {@value #SCALE} places, {@code HALF_EVEN}. A node without
 * outcomes scores 0.5000; the score is always between 0 and 1. Pure: counters and health in, a
 * number out, so a replay computes the same scores.
 */
public final class TrustScore {

  /** Names this rule on every record it scores; a new rule is a new version. */
  public static final String VERSION = "v2";

  public static final int SCALE = 4;

  private TrustScore() {}

  public static BigDecimal of(Tally tally, Health health) {
    BigDecimal successes = BigDecimal.valueOf(tally.successes() + 1);
    BigDecimal trials = BigDecimal.valueOf(tally.successes() + tally.penalty() + 2);
    return successes.multiply(health.factor()).divide(trials, SCALE, RoundingMode.HALF_EVEN);
  }
}
