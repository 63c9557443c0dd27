package dev.krako.cli.bench;

/**
 * When each session of an open-loop step is due: session {@code k} (from 0) at {@code start + k /
 * rate}, for {@code duration}, whatever happened to the sessions before it. A pure value: the clock
 * is an argument.
 *
 * <p>Latency is measured from a session's due time, not from when it was really sent, so that a
 * late publisher (a GC pause, a busy core) adds to the latency it caused instead of hiding it
 * (coordinated omission).
 *
 * @param startNanos the due time of session 0, on the {@link System#nanoTime()} scale
 * @param ratePerSecond sessions per second, above 0
 * @param durationNanos how long the step publishes, above 0
 */
record OpenLoopSchedule(long startNanos, double ratePerSecond, long durationNanos) {

  private static final double NANOS_PER_SECOND = 1e9;

  OpenLoopSchedule {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("The rate must be positive: " + ratePerSecond);
    }
    if (durationNanos <= 0) {
      throw new IllegalArgumentException("The duration must be positive: " + durationNanos);
    }
  }

  /** How many sessions the step publishes: at least one. */
  long totalSessions() {
    return Math.max(1, (long) Math.floor(ratePerSecond * durationNanos / NANOS_PER_SECOND));
  }

  /** How many sessions are due at {@code nowNanos}: those whose due time is not after it. */
  long dueBy(long nowNanos) {
    long elapsed = nowNanos - startNanos;
    if (elapsed < 0) {
      return 0;
    }
    long due =
        Math.min(
            (long) Math.floor(elapsed * ratePerSecond / NANOS_PER_SECOND) + 1, totalSessions());
    // Floating point may put the estimate one off: settle it on dueNanos, the definition.
    while (due < totalSessions() && dueNanos(due) - nowNanos <= 0) {
      due++;
    }
    while (due > 0 && dueNanos(due - 1) - nowNanos > 0) {
      due--;
    }
    return due;
  }

  /** The due time of session {@code index}. */
  long dueNanos(long index) {
    return startNanos + Math.round(index * NANOS_PER_SECOND / ratePerSecond);
  }

  /** When the step stops publishing. */
  long endNanos() {
    return startNanos + durationNanos;
  }
}
