package dev.krako.cli.bench;

import dev.krako.cli.Component;
import dev.krako.cli.KrakoSystem;
import dev.krako.topology.orchestration.OrchestrationNames;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * {@code krako bench --soak}: one steady open-loop load for a long time, with the orchestration
 * stores' entry counts sampled at a fixed interval, then a tail without load as long as the session
 * retention and two more samples, in which the finished sessions are evicted. Whether the stores
 * grow without bound is read from the samples (docs/state-size.md).
 */
final class SoakRun {

  /** One sample; a count is empty when its store could not be read (a rebalance). */
  record Sample(
      Duration elapsed,
      boolean loaded,
      long published,
      long unfinished,
      OptionalLong sessions,
      OptionalLong timers,
      OptionalLong leases) {}

  /**
   * @param rate sessions per second
   * @param duration how long the load runs
   * @param every the sampling interval
   * @param retention the session retention the system runs with: the tail after the load
   */
  record Plan(double rate, Duration duration, Duration every, Duration retention) {}

  private final LoadGenerator generator;
  private final ResultCollector collector;
  private final KrakoSystem system;
  private final PrintStream out;

  SoakRun(LoadGenerator generator, ResultCollector collector, KrakoSystem system, PrintStream out) {
    this.generator = generator;
    this.collector = collector;
    this.system = system;
    this.out = out;
  }

  List<Sample> run(Plan plan) throws InterruptedException {
    long start = System.nanoTime();
    OpenLoopSchedule schedule = new OpenLoopSchedule(start, plan.rate(), plan.duration().toNanos());
    StepRecorder recorder = new StepRecorder("soak", schedule);
    collector.watch(recorder);
    generator.start(schedule, recorder);
    long end = schedule.endNanos() + plan.retention().plus(plan.every().multipliedBy(2)).toNanos();
    out.println(SoakTable.HEADER);
    List<Sample> samples = new ArrayList<>();
    for (long next = start + plan.every().toNanos();
        next - end <= 0;
        next += plan.every().toNanos()) {
      TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
      if (system.failure().isDone()) {
        throw new IllegalStateException("A Krako component failed during the soak; see the log.");
      }
      Sample sample =
          new Sample(
              Duration.ofNanos(next - start),
              next - schedule.endNanos() < 0,
              recorder.publishedSoFar(),
              recorder.unfinished(),
              entries(OrchestrationNames.SESSIONS_STORE),
              entries(OrchestrationNames.TIMERS_STORE),
              entries(OrchestrationNames.LEASES_STORE));
      samples.add(sample);
      out.println(SoakTable.row(sample));
    }
    return samples;
  }

  private OptionalLong entries(String store) {
    return system.countEntries(Component.ORCHESTRATION, store);
  }
}
