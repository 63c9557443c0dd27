package dev.krako.worker.resilience;

import java.util.Locale;

/** The health a node reports in {@code node.health.updated}: up, degraded or down. */
public enum HealthStatus {
  /** The node can run its units. */
  UP,
  /** The node runs a trial unit only: a downstream is recovering (its breaker is half-open). */
  DEGRADED,
  /** The node claims nothing: a downstream is failing (its breaker is open), or it is stopping. */
  DOWN;

  /** The value of the event's {@code status} field. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The worse of the two. */
  public HealthStatus worst(HealthStatus other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
