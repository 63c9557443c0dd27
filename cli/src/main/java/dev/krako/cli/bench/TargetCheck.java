package dev.krako.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One of issue 8's targets against what the run measured.
 *
 * @param measured NaN when the run did not measure it (then {@code verdict} is NOT_MEASURED)
 */
record TargetCheck(String target, String measuredAs, double measured, Verdict verdict) {

  enum Verdict {
    PASS,
    FAIL,
    NOT_MEASURED
  }

  static TargetCheck atLeast(String target, String measuredAs, double measured, double bound) {
    return new TargetCheck(target, measuredAs, measured, verdict(measured, measured >= bound));
  }

  static TargetCheck atMost(String target, String measuredAs, double measured, double bound) {
    return new TargetCheck(target, measuredAs, measured, verdict(measured, measured <= bound));
  }

  private static Verdict verdict(double measured, boolean met) {
    return Double.isNaN(measured) ? Verdict.NOT_MEASURED : met ? Verdict.PASS : Verdict.FAIL;
  }

  /**
   * The targets: throughput at the highest level (100 % of the measured maximum, or the
   * highest level run), latency at 50 %.
   */
  static List<TargetCheck> evaluate(
      List<LevelSummary> levels, Optional<Spread> rawProducerToConsumer) {
    Optional<LevelSummary> top =
        levels.stream().max(java.util.Comparator.comparingInt(LevelSummary::percent));
    Optional<LevelSummary> half = levels.stream().filter(l -> l.percent() == 50).findFirst();
    double units = top.map(l -> l.workUnitsCompletedPerSec().median()).orElse(Double.NaN);
    double raw = rawProducerToConsumer.map(Spread::median).orElse(Double.NaN);
    String topName = top.map(l -> l.percent() + " % load").orElse("no level");
    List<TargetCheck> checks = new ArrayList<>();
    checks.add(
        atLeast(
            "sustained WorkUnits/s >= 10,000",
            "WorkUnits completed/s, median at " + topName,
            units,
            10_000));
    checks.add(
        atLeast(
            "Krako >= 5 % of the raw broker's records/s",
            "WorkUnits completed/s at " + topName + " / raw producer->consumer records/s, in %",
            100 * units / raw,
            5));
    double chainP50 =
        half.map(l -> l.latencyOf(SessionShape.CHAIN5).p50Ms().median()).orElse(Double.NaN);
    double chainP99 =
        half.map(l -> l.latencyOf(SessionShape.CHAIN5).p99Ms().median()).orElse(Double.NaN);
    double singleP50 =
        half.map(l -> l.latencyOf(SessionShape.SINGLE).p50Ms().median()).orElse(Double.NaN);
    checks.add(atMost("5-unit chain p50 <= 300 ms at 50 % load", "ms, median", chainP50, 300));
    checks.add(atMost("5-unit chain p99 <= 1 s at 50 % load", "ms, median", chainP99, 1_000));
    checks.add(
        atMost("single-unit session p50 <= 100 ms", "ms at 50 % load, median", singleP50, 100));
    return checks;
  }
}
