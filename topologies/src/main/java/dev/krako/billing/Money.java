package dev.krako.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An amount of money in the ledger's currency, always at {@link #SCALE} decimal places. The only
 * rounding in billing happens in {@link #round}: once per metered quantity, HALF_EVEN (banker's
 * rounding, which does not drift upwards over many entries). Sums of amounts are exact.
 */
public record Money(BigDecimal amount) implements Comparable<Money> {

  /** Decimal places of every amount: millionths of a dollar. */
  public static final int SCALE = 6;

  public static final RoundingMode ROUNDING = RoundingMode.HALF_EVEN;

  public static final Money ZERO = new Money(BigDecimal.ZERO.setScale(SCALE));

  private static final Pattern PLAIN = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  public Money {
    Objects.requireNonNull(amount, "amount");
    if (amount.scale() != SCALE) {
      throw new IllegalArgumentException(
          "An amount has exactly " + SCALE + " decimal places, not " + amount.toPlainString());
    }
  }

  /** The amount closest to this exact value, HALF_EVEN at {@link #SCALE} places. */
  public static Money round(BigDecimal exact) {
    return new Money(exact.setScale(SCALE, ROUNDING));
  }

  /**
   * Reads a plain decimal such as {@link #toString} writes ({@code -?digits[.digits]}, no
   * exponent). A value with more than {@link #SCALE} places is refused rather than rounded: an
   * amount read back must be the amount written.
   */
  public static Money parse(String text) {
    if (text == null || !PLAIN.matcher(text).matches()) {
      throw new IllegalArgumentException("Not a plain decimal amount: " + text);
    }
    BigDecimal value = new BigDecimal(text);
    if (value.scale() > SCALE) {
      throw new IllegalArgumentException(
          "An amount has at most " + SCALE + " decimal places: " + text);
    }
    return new Money(value.setScale(SCALE, RoundingMode.UNNECESSARY));
  }

  public Money plus(Money other) {
    return new Money(amount.add(other.amount));
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  @Override
  public int compareTo(Money other) {
    return amount.compareTo(other.amount);
  }

  /** Plain notation, never an exponent: {@code 0.000150}. */
  @Override
  public String toString() {
    return amount.toPlainString();
  }
}
