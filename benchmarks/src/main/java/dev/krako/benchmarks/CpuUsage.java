package dev.krako.benchmarks;

/**
 * The CPU a JVM used over one benchmark iteration.
 *
 * @param start the process's CPU time and the wall clock when the iteration began
 * @param end the same when it ended
 * @param operations the operations the iteration ran
 */
record CpuUsage(Sample start, Sample end, long operations) {

  /** The process's CPU time (all threads) and the monotonic wall clock, in nanoseconds. */
  record Sample(long cpuNanos, long wallNanos) {}

  /** CPU microseconds per operation; NaN when nothing ran. */
  double cpuMicrosPerOp() {
    return operations == 0 ? Double.NaN : (end.cpuNanos - start.cpuNanos) / 1_000.0 / operations;
  }

  /** Cores busy on average over the iteration: 1.0 is one core all the time. */
  double coresUsed() {
    long wall = end.wallNanos - start.wallNanos;
    return wall <= 0 ? Double.NaN : (double) (end.cpuNanos - start.cpuNanos) / wall;
  }
}
