package dev.krako.worker.text;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Turns a computed score into the number an output carries: rounded half-even to {@value #SCALE}
 * decimal places, as a {@link BigDecimal} so that its JSON text is fixed ({@code 0.5000}, never
 * {@code 0.5} on one JVM and {@code 5.0E-1} on another). The scores themselves are computed with
 * {@link StrictMath}, whose results are specified bit for bit, so the rounded value is the same on
 * every JVM.
 */
public final class Scores {

  /** Decimal places of every score and confidence in an output. */
  public static final int SCALE = 4;

  private Scores() {}

  /**
   * {@code value} rounded to {@value #SCALE} places.
   *
   * @throws IllegalArgumentException when the value is not finite
   */
  public static BigDecimal rounded(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("A score must be finite, not " + value);
    }
    return new BigDecimal(value).setScale(SCALE, RoundingMode.HALF_EVEN);
  }
}
