package dev.krako.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A unit price: {@code price} in the ledger's currency for every {@code perUnits} units of a
 * quantity (1,000 CPU milliseconds, 1,000 tokens). Prices carry exactly {@link #SCALE} decimal
 * places, so a price that needs more is refused when the price book is read, never rounded.
 */
public record Rate(BigDecimal price, long perUnits) {

  /** Decimal places of every unit price. */
  public static final int SCALE = 9;

  private static final Pattern PLAIN = Pattern.compile("[0-9]+(\\.[0-9]+)?");

  public Rate {
    Objects.requireNonNull(price, "price");
    if (price.signum() < 0) {
      throw new IllegalArgumentException("A price is never negative: " + price.toPlainString());
    }
    if (price.stripTrailingZeros().scale() > SCALE) {
      throw new IllegalArgumentException(
          "A price has at most " + SCALE + " decimal places: " + price.toPlainString());
    }
    if (perUnits < 1) {
      throw new IllegalArgumentException("A price is for at least one unit, not " + perUnits);
    }
    price = price.setScale(SCALE, RoundingMode.UNNECESSARY);
  }

  /**
   * Reads a price written as a plain decimal string ({@code digits[.digits]}): {@code 0.000048}.
   */
  public static Rate of(String price, long perUnits) {
    if (price == null || !PLAIN.matcher(price).matches()) {
      throw new IllegalArgumentException("Not a plain decimal price: " + price);
    }
    return new Rate(new BigDecimal(price), perUnits);
  }

  /** quantity × price ÷ perUnits, computed exactly and rounded once, HALF_EVEN. */
  public Money cost(long quantity) {
    BigDecimal exact = price.multiply(BigDecimal.valueOf(quantity));
    return new Money(exact.divide(BigDecimal.valueOf(perUnits), Money.SCALE, Money.ROUNDING));
  }

  /** The price in plain notation at {@link #SCALE} places: {@code 0.000048000}. */
  public String priceText() {
    return price.toPlainString();
  }
}
