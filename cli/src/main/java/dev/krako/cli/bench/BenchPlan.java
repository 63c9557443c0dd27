package dev.krako.cli.bench;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;

/**
 * What one bench run does, validated.
 *
 * @param step how long each load-level step publishes
 * @param warmup the shortest warm-up (zero: no warm-up); it goes on until the system is warm, at
 *     most {@code warmupMax} ({@link WarmUp})
 * @param warmupRate the warm-up's top rate (sessions/s), reached by doubling from {@code startRate}
 * @param warmupMax the longest warm-up
 * @param repetitions how many times each load level runs
 * @param partitions partitions of every topic, Krako's and the raw broker's
 * @param startRate the warm-up's first rate, and the search's first when there is no warm-up
 * @param searchStep how long each step of the max-rate search publishes
 * @param fixedMaxRate a maximum to use instead of searching for one
 * @param cpuLoops claim loops of the CPU worker pool of each instance
 * @param instances Krako instances (all topologies and worker pools each) in the bench's JVM, all
 *     in one group per application, so they share the partitions as separate processes would
 * @param rawRecords records per raw broker run
 * @param levels load levels in percent of the maximum
 */
record BenchPlan(
    Duration step,
    Duration warmup,
    double warmupRate,
    Duration warmupMax,
    int repetitions,
    int partitions,
    double startRate,
    Duration searchStep,
    OptionalDouble fixedMaxRate,
    int cpuLoops,
    int instances,
    long rawRecords,
    List<Integer> levels) {

  BenchPlan {
    requirePositive(step, "the step duration");
    requirePositive(searchStep, "the search step duration");
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("The warm-up cannot be negative: " + warmup);
    }
    if (warmupMax.compareTo(warmup) < 0) {
      throw new IllegalArgumentException(
          "--warmup-max (" + warmupMax + ") cannot be shorter than --warmup (" + warmup + ").");
    }
    if (!(warmupRate >= startRate)) {
      throw new IllegalArgumentException(
          "--warmup-rate (" + warmupRate + ") must be at least --start-rate (" + startRate + ").");
    }
    if (repetitions < 1 || partitions < 1 || cpuLoops < 1 || instances < 1 || rawRecords < 1) {
      throw new IllegalArgumentException(
          "Repetitions, partitions, CPU loops, instances and raw records must be at least 1.");
    }
    if (!(startRate > 0)) {
      throw new IllegalArgumentException("The start rate must be positive: " + startRate);
    }
    if (fixedMaxRate.isPresent() && !(fixedMaxRate.getAsDouble() > 0)) {
      throw new IllegalArgumentException("--max-rate must be positive.");
    }
    if (levels.isEmpty() || levels.stream().anyMatch(p -> p < 1 || p > 200)) {
      throw new IllegalArgumentException("Levels are percentages from 1 to 200: " + levels);
    }
    levels = levels.stream().distinct().sorted().toList();
  }

  private static void requirePositive(Duration d, String what) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
  }

  BenchReport.Plan describe() {
    return new BenchReport.Plan(
        step.toMillis() / 1e3,
        warmup.toMillis() / 1e3,
        warmupRate,
        warmupMax.toMillis() / 1e3,
        repetitions,
        partitions,
        startRate,
        searchStep.toMillis() / 1e3,
        fixedMaxRate.isPresent() ? fixedMaxRate.getAsDouble() : null,
        cpuLoops,
        instances,
        rawRecords,
        levels,
        mix(),
        GraphMix.meanUnitsPerSession());
  }

  private static List<String> mix() {
    return java.util.Arrays.stream(SessionShape.values())
        .map(
            s ->
                s.name()
                    + " "
                    + Math.round(
                        100.0
                            * GraphMix.CYCLE.stream().filter(c -> c == s).count()
                            / GraphMix.CYCLE.size())
                    + " %")
        .toList();
  }
}
