package dev.krako.cli.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One load level (a percentage of the measured maximum), over its repetitions: the median and the
 * range of each figure. Latency percentiles are those of each repetition, then their median.
 */
record LevelSummary(
    int percent,
    double offeredSessionsPerSec,
    Spread sessionsPerSec,
    Spread completionRatio,
    Spread workUnitsCompletedPerSec,
    Spread workUnitsBilledPerSec,
    Spread p50Ms,
    Spread p95Ms,
    Spread p99Ms,
    Map<String, ShapeLatency> byShape,
    Map<String, Spread> cpuCores,
    Map<String, Spread> rssMiB,
    Spread machineBusyCores,
    Spread loadAverage1m,
    Spread brokerRequestsPerWorkUnit,
    Spread transactionsPerWorkUnit,
    List<StepResult> repetitions) {

  LevelSummary {
    // Reports written before session 12 have no broker request figures.
    brokerRequestsPerWorkUnit =
        brokerRequestsPerWorkUnit == null ? Spread.of() : brokerRequestsPerWorkUnit;
    transactionsPerWorkUnit =
        transactionsPerWorkUnit == null ? Spread.of() : transactionsPerWorkUnit;
  }

  /** One shape's latency percentiles over the repetitions. */
  record ShapeLatency(Spread p50Ms, Spread p95Ms, Spread p99Ms) {}

  static LevelSummary of(int percent, double offered, List<StepResult> reps) {
    Map<String, ShapeLatency> shapes = new LinkedHashMap<>();
    for (SessionShape shape : SessionShape.values()) {
      shapes.put(
          shape.name(),
          new ShapeLatency(
              Spread.of(reps, r -> r.latencyOf(shape).p50Ms()),
              Spread.of(reps, r -> r.latencyOf(shape).p95Ms()),
              Spread.of(reps, r -> r.latencyOf(shape).p99Ms())));
    }
    Map<String, Spread> cpu = new LinkedHashMap<>();
    Map<String, Spread> rss = new LinkedHashMap<>();
    for (String process : processes(reps)) {
      cpu.put(process, Spread.of(reps, r -> usageOf(r, process).cpuCores()));
      rss.put(process, Spread.of(reps, r -> usageOf(r, process).rssMiB()));
    }
    return new LevelSummary(
        percent,
        offered,
        Spread.of(reps, StepResult::sessionsPerSec),
        Spread.of(reps, StepResult::completionRatio),
        Spread.of(reps, StepResult::workUnitsCompletedPerSec),
        Spread.of(reps, StepResult::workUnitsBilledPerSec),
        Spread.of(reps, r -> r.latency().p50Ms()),
        Spread.of(reps, r -> r.latency().p95Ms()),
        Spread.of(reps, r -> r.latency().p99Ms()),
        shapes,
        cpu,
        rss,
        Spread.of(reps, r -> r.usage().machineBusyCores()),
        Spread.of(reps, r -> r.usage().loadAverage1m()),
        Spread.of(reps, r -> perWorkUnit(r.usage().brokerRequestsTotalPerSec(), r)),
        Spread.of(reps, r -> perWorkUnit(r.usage().transactionsPerSec(), r)),
        List.copyOf(reps));
  }

  /** A step's rate per completed WorkUnit; NaN when the step completed none. */
  static double perWorkUnit(double perSecond, StepResult step) {
    double units = step.workUnitsCompletedPerSec();
    return units > 0 ? perSecond / units : Double.NaN;
  }

  ShapeLatency latencyOf(SessionShape shape) {
    return byShape.get(shape.name());
  }

  private static List<String> processes(List<StepResult> reps) {
    return reps.stream()
        .flatMap(r -> r.usage().processes().stream())
        .map(ProcessUsage::process)
        .distinct()
        .toList();
  }

  private static ProcessUsage usageOf(StepResult step, String process) {
    return step.usage().processes().stream()
        .filter(u -> u.process().equals(process))
        .findFirst()
        .orElse(new ProcessUsage(process, Double.NaN, Double.NaN));
  }
}
