package dev.krako.topology.capacity;

/** Sortable store keys: parts joined by a unit separator, times as 13 zero-padded digits. */
final class Keys {

  private Keys() {}

  static String of(Object... parts) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < parts.length; i++) {
      if (i > 0) {
        key.append(CapacityNames.SEPARATOR);
      }
      key.append(parts[i]);
    }
    return key.toString();
  }

  /** The prefix of every key that starts with these parts. */
  static String prefix(Object... parts) {
    return of(parts) + CapacityNames.SEPARATOR;
  }

  /**
   * Thirteen digits, zero-padded (String.format cost a measurable share of the thread, ADR 021).
   */
  static String time(long epochMs) {
    String digits = Long.toString(Math.max(0, epochMs));
    return "0".repeat(Math.max(0, 13 - digits.length())) + digits;
  }
}
