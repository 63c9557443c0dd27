package dev.krako.billing;

import java.util.Objects;

/** What one line item adds up to in a balance. */
public record LineTotal(Money amount, long entryCount) {

  public static final LineTotal NONE = new LineTotal(Money.ZERO, 0);

  public LineTotal {
    Objects.requireNonNull(amount, "amount");
    if (entryCount < 0) {
      throw new IllegalArgumentException("An entry count is never negative: " + entryCount);
    }
  }

  public LineTotal plus(Money entryAmount) {
    return new LineTotal(amount.plus(entryAmount), entryCount + 1);
  }
}
