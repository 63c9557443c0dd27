package dev.krako.trust;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A node's health as its latest {@code node.health.updated} reports it, and what that does to its
 * score. Declared from least to most severe: when two reports of a node carry the same event time,
 * the more severe one is in force, so the result does not depend on the order they arrive in.
 */
public enum Health {
  /** No report yet, or a status this build does not know: no information, so no penalty. */
  UNKNOWN("1"),
  UP("1"),
  /** Still working, but worse than usual: half the score. */
  DEGRADED("0.5"),
  /** Not working: a score of zero whatever its record, until a newer report says otherwise. */
  DOWN("0");

  private final BigDecimal factor;

  Health(String factor) {
    this.factor = new BigDecimal(factor);
  }

  /** What the score is multiplied by: 1, 0.5 or 0, exact. */
  public BigDecimal factor() {
    return factor;
  }

  /**
   * The health of a reported status: {@code up}, {@code degraded} or {@code down}, in any case;
   * anything else is {@link #UNKNOWN}.
   */
  public static Health ofStatus(String status) {
    if (status == null) {
      return UNKNOWN;
    }
    return switch (status.trim().toLowerCase(Locale.ROOT)) {
      case "up" -> UP;
      case "degraded" -> DEGRADED;
      case "down" -> DOWN;
      default -> UNKNOWN;
    };
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
