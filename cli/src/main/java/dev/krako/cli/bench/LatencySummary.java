package dev.krako.cli.bench;

import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram, in milliseconds (recorded in microseconds, three
 * significant digits).
 *
 * @param count how many sessions the percentiles are over
 */
record LatencySummary(
    long count, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {

  static final LatencySummary EMPTY =
      new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  /** A histogram of microseconds, resized as needed. */
  static Histogram newHistogram() {
    return new Histogram(3);
  }

  static LatencySummary of(Histogram micros) {
    if (micros.getTotalCount() == 0) {
      return EMPTY;
    }
    return new LatencySummary(
        micros.getTotalCount(),
        millis(micros.getValueAtPercentile(50)),
        millis(micros.getValueAtPercentile(95)),
        millis(micros.getValueAtPercentile(99)),
        millis(micros.getMaxValue()),
        Math.round(micros.getMean()) / 1_000.0);
  }

  private static double millis(long micros) {
    return micros / 1_000.0;
  }
}
