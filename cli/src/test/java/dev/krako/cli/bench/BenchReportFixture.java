package dev.krako.cli.bench;

import static dev.krako.cli.bench.ContractFloorBench.Route.DIRECT;
import static dev.krako.cli.bench.ContractFloorBench.Route.KRAKO_HOPS;
import static dev.krako.cli.bench.ContractFloorBench.Route.ONE_STREAMS_HOP;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** A complete report from made-up figures, as the pure tests need one. */
final class BenchReportFixture {

  private BenchReportFixture() {}

  static ContractFloorResult floorRun(
      ContractFloorBench.Route route, double workUnitsPerSec, long transactions, double machine) {
    return new ContractFloorResult(
        route,
        500,
        6,
        13,
        400,
        6,
        2,
        transactions,
        workUnitsPerSec,
        transactions * workUnitsPerSec / 500,
        floorUsage(machine));
  }

  /** What a contract floor run spent: the broker most of it, the bench's clients the rest. */
  static Usage floorUsage(double machine) {
    return new Usage(
        List.of(
            new ProcessUsage(ProcessUsage.KRAKO, 0.05, 900),
            new ProcessUsage(ProcessUsage.GENERATOR, machine / 3, Double.NaN),
            new ProcessUsage(ProcessUsage.BROKER, machine * 2 / 3, 450)),
        machine,
        3.0);
  }

  static StepResult step(String label, double rate, double chainP50, double singleP50) {
    Map<String, LatencySummary> shapes =
        Map.of(
            "CHAIN5",
                new LatencySummary(
                    40, chainP50, chainP50 * 2, chainP50 * 3, chainP50 * 4, chainP50),
            "SINGLE",
                new LatencySummary(
                    10, singleP50, singleP50 * 2, singleP50 * 3, singleP50 * 4, singleP50));
    Usage usage =
        new Usage(
            List.of(
                new ProcessUsage(ProcessUsage.KRAKO, 1.2, 900),
                new ProcessUsage(ProcessUsage.GENERATOR, 0.02, Double.NaN),
                new ProcessUsage(ProcessUsage.BROKER, 0.5, 450)),
            1.8,
            3.5,
            // 6 Produce and half an EndTxn per WorkUnit (7.25 a session)
            Map.of("Produce", rate * 7.25 * 6, "EndTxn", rate * 7.25 * 0.5));
    return new StepResult(
        label,
        StepResult.Kind.LEVEL,
        rate,
        16,
        0,
        (long) (rate * 20),
        0,
        0,
        0,
        0,
        rate,
        1,
        rate * 7.25,
        rate * 7.2,
        rate * 0.1,
        new LatencySummary(50, 400, 900, 1_200, 1_500, 450),
        shapes,
        usage,
        Map.of());
  }

  static BenchReport report() {
    BenchPlan plan =
        new BenchPlan(
            Duration.ofSeconds(20),
            Duration.ofSeconds(10),
            8,
            Duration.ofSeconds(60),
            2,
            6,
            2,
            Duration.ofSeconds(10),
            OptionalDouble.empty(),
            2,
            1,
            1000,
            List.of(25, 50, 75, 100));
    List<LevelSummary> levels = new ArrayList<>();
    for (int percent : plan.levels()) {
      double rate = 20 * percent / 100.0;
      levels.add(
          LevelSummary.of(
              percent, rate, List.of(step("a", rate, 250, 80), step("b", rate, 350, 120))));
    }
    BenchReport.RawBroker raw =
        BenchReport.RawBroker.of(
            400,
            "a test",
            List.of(
                new RawBrokerResult(1000, 400, 6, 100_000, 300_000, 90_000),
                new RawBrokerResult(1000, 400, 6, 120_000, 310_000, 110_000)),
            0);
    BenchReport.Search search =
        new BenchReport.Search(
            20,
            false,
            "rule",
            List.of(MaxRateSearchTest.step(16, 16, 800), MaxRateSearchTest.step(32, 25, 9_000)));
    Optional<Spread> rawRate = Optional.of(raw.producerToConsumerPerSec());
    return new BenchReport(
        "20261127-080000",
        "2026-11-27T08:00:00Z",
        List.of("--duration", "20"),
        new BenchReport.Machine(
            2, 24_000, "17.0.15", "Linux", "local", List.of(4.0, 5.0, 6.0), List.of(3.0, 4.0, 5.0)),
        plan.describe(),
        raw,
        BenchReport.ContractFloor.of(
            List.of(
                floorRun(DIRECT, 4_000, 40, 1.9),
                floorRun(DIRECT, 5_000, 44, 1.7),
                floorRun(ONE_STREAMS_HOP, 1_000, 60, 1.95),
                floorRun(KRAKO_HOPS, 725, 90, 1.98)),
            0),
        MaxRateSearchTest.step(8, 8, 500),
        new BenchReport.WarmUpDetail(
            true,
            "settled after 20 s at 8.0 sessions/s: Krako's JIT load 0.02, p50 180 -> 170 ms",
            List.of(MaxRateSearchTest.step(8, 8, 540), MaxRateSearchTest.step(8, 8, 500)),
            java.util.Arrays.asList(Double.NaN, 0.02)),
        search,
        levels,
        BenchReport.Headline.of(levels, rawRate),
        TargetCheck.evaluate(levels, rawRate),
        new BenchReport.Appends(
            72_000, 1_000, 72, List.of(new BenchReport.TopicAppends("krako.events", 20_000, 20))));
  }
}
