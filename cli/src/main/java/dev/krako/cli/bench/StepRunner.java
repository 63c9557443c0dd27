package dev.krako.cli.bench;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Runs one open-loop step against the running system: wait for any earlier backlog to finish,
 * publish at the rate for the duration, sample the processes over that time, then wait for every
 * session to finish (bounded), so that no backlog spills into the next step.
 */
final class StepRunner {

  /** A short lead, so that the first session is not already late when the ticker starts. */
  private static final long LEAD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

  private static final Duration MIN_DRAIN = Duration.ofSeconds(30);

  private final LoadGenerator generator;
  private final ResultCollector collector;
  private final ProcessStats stats;
  private final BooleanSupplier systemFailed;
  private final LongSupplier inFlight;

  /**
   * @param inFlight sessions published by any step and not finished yet
   */
  StepRunner(
      LoadGenerator generator,
      ResultCollector collector,
      ProcessStats stats,
      BooleanSupplier systemFailed,
      LongSupplier inFlight) {
    this.generator = generator;
    this.collector = collector;
    this.stats = stats;
    this.systemFailed = systemFailed;
    this.inFlight = inFlight;
  }

  StepResult run(String label, StepResult.Kind kind, double rate, Duration duration)
      throws Exception {
    Duration drainBound = max(MIN_DRAIN, duration.multipliedBy(4));
    // A backlog left by an earlier step (a cold warm-up, an overloaded search step) would load
    // this one too: let it finish first, within the same bound, and report what remained.
    long backlog = drain(drainBound);
    OpenLoopSchedule schedule =
        new OpenLoopSchedule(System.nanoTime() + LEAD_NANOS, rate, duration.toNanos());
    StepRecorder recorder = new StepRecorder(label, schedule);
    collector.watch(recorder);
    ProcessStats.Sample before = stats.sample();
    generator
        .start(schedule, recorder)
        .get(duration.plusSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
    sleepUntil(schedule.endNanos());
    Usage usage = ProcessStats.between(before, stats.sample(), ProcessStats.loadAverage1m());
    drain(drainBound);
    return recorder.summarize(kind, usage, backlog);
  }

  /** Waits until no session of any step is in flight, or the bound; returns how many still are. */
  private long drain(Duration bound) throws InterruptedException {
    long deadline = System.nanoTime() + bound.toNanos();
    while (inFlight.getAsLong() > 0 && System.nanoTime() - deadline < 0) {
      requireSystemUp();
      TimeUnit.MILLISECONDS.sleep(50);
    }
    requireSystemUp();
    return inFlight.getAsLong();
  }

  private void requireSystemUp() {
    if (systemFailed.getAsBoolean()) {
      throw new IllegalStateException("A Krako topology failed during the bench; see the log.");
    }
  }

  private static void sleepUntil(long nanos) throws InterruptedException {
    long left = nanos - System.nanoTime();
    if (left > 0) {
      TimeUnit.NANOSECONDS.sleep(left);
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
