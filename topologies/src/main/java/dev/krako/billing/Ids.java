package dev.krako.billing;

/** Checks on the ids a billable event must carry. */
final class Ids {

  private Ids() {}

  static void require(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new UnbillableEventException("A billable event needs a " + field + ".");
    }
  }

  static void requireNonNegative(long quantity, String field) {
    if (quantity < 0) {
      throw new UnbillableEventException(field + " is never negative, not " + quantity + ".");
    }
  }
}
