package dev.krako.billing;

import java.util.Objects;

/** One metered quantity of a ledger entry, its unit price and what it costs. */
public record Charge(Meter meter, long quantity, Rate rate, Money amount) {

  public Charge {
    Objects.requireNonNull(meter, "meter");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(amount, "amount");
    Ids.requireNonNegative(quantity, meter.wireName());
    if (!amount.equals(rate.cost(quantity))) {
      throw new IllegalArgumentException(
          "A charge of " + quantity + " " + meter.wireName() + " costs " + rate.cost(quantity));
    }
  }

  /** The charge for this quantity at this rate. */
  public static Charge of(Meter meter, long quantity, Rate rate) {
    return new Charge(meter, quantity, rate, rate.cost(quantity));
  }
}
