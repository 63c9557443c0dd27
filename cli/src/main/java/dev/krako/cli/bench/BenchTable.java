package dev.krako.cli.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The report as text for a person: what was run, then each measurement as a table. */
final class BenchTable {

  private final StringBuilder out = new StringBuilder();

  private BenchTable() {}

  static String render(BenchReport r) {
    BenchTable t = new BenchTable();
    t.header(r);
    t.raw(r.rawBroker());
    t.floor(r.contractFloor());
    t.search(r.search());
    t.levels(r.plan(), r.levels());
    t.shapes(r.levels());
    t.processes(r.levels());
    t.headline(r.headline());
    t.targets(r.targets());
    t.againstFloor(r.contractFloor(), r.headline());
    t.appends(r.appends());
    return t.out.toString();
  }

  private void header(BenchReport r) {
    BenchReport.Machine m = r.machine();
    BenchReport.Plan p = r.plan();
    line("Krako bench %s, started %s", r.runId(), r.startedAt());
    line(
        "machine   %d processors, %,d MiB, Java %s, %s; broker: %s",
        m.availableProcessors(), m.memoryTotalMiB(), m.java(), m.os(), m.broker());
    line(
        "load avg  %s at the start, %s at the end (a shared machine: compare within one run)",
        loads(m.loadAverageAtStart()), loads(m.loadAverageAtEnd()));
    line(
        "plan      %s s steps (search: %s s) after a warm-up of at least %s s, %d repetition(s), %d partitions,"
            + " %d CPU claim loop(s), %d Krako instance(s)",
        num(p.stepSeconds(), 0),
        num(p.searchStepSeconds(), 0),
        num(p.warmupSeconds(), 0),
        p.repetitions(),
        p.partitions(),
        p.cpuLoops(),
        p.instances());
    line(
        "mix       %s (%s units per session)",
        String.join(", ", p.sessionMix()), num(p.meanUnitsPerSession(), 2));
    BenchReport.WarmUpDetail w = r.warmupDetail();
    if (w != null) {
      line(
          "warm-up   %d window(s) of %s s up to %s sessions/s, at most %s s: %s",
          w.windows().size(),
          num(p.searchStepSeconds(), 0),
          num(p.warmupRate(), 1),
          num(p.warmupMaxSeconds(), 0),
          w.verdict());
    }
    line("");
  }

  private void raw(BenchReport.RawBroker raw) {
    line(
        "Raw broker: %,d records of %d B (%s), acks=all, %d partitions; median [min-max] of %d",
        raw.runs().isEmpty() ? 0 : raw.runs().get(0).records(),
        raw.recordBytes(),
        raw.recordBytesFrom(),
        raw.runs().isEmpty() ? 0 : raw.runs().get(0).partitions(),
        raw.runs().size());
    if (raw.failedRuns() > 0) {
      line("  (%d run(s) failed and are left out)", raw.failedRuns());
    }
    line("  produced            %s records/s", spread(raw.producedPerSec(), 0));
    line("  consumed            %s records/s", spread(raw.consumedPerSec(), 0));
    line("  producer->consumer  %s records/s", spread(raw.producerToConsumerPerSec(), 0));
    line("");
  }

  private void floor(BenchReport.ContractFloor floor) {
    if (floor == null) {
      return; // a report written before the floor was measured
    }
    List<ContractFloorResult> direct = floor.on(ContractFloorBench.Route.DIRECT);
    List<ContractFloorResult> hop = floor.on(ContractFloorBench.Route.ONE_STREAMS_HOP);
    line(
        "Contract floor: per WorkUnit the records every exactly-once implementation of the contract"
            + " writes and reads, and nothing else (ADR 034); median [min-max] of %d,"
            + " after a shorter, uncounted run of each route",
        direct.size());
    if (!direct.isEmpty()) {
      ContractFloorResult first = direct.get(0);
      line(
          "  %,d WorkUnits: %d records of %d B written each (a dispatch, %s, a ledger line),"
              + " %d producers, each committing every %d ms; %d read (read_committed: a worker"
              + " pool, %d event readers); %d partitions",
          first.workUnits(),
          first.recordsPerUnit(),
          first.recordBytes(),
          String.join(", ", ContractFloorBench.EVENTS_PER_UNIT),
          first.producers(),
          dev.krako.streams.StreamsSettings.COMMIT_INTERVAL.toMillis(),
          first.readsPerUnit(),
          ContractFloorBench.EVENT_READERS,
          first.partitions());
    }
    if (floor.failedRuns() > 0) {
      line("  (%d run(s) failed and are left out)", floor.failedRuns());
    }
    floorLine("direct", direct, floor.workUnitsPerSec());
    if (!hop.isEmpty()) {
      floorLine("one Streams hop", hop, floor.oneStreamsHopWorkUnitsPerSec());
      line(
          "  (one Streams hop: the producers write the dispatches only; a Kafka Streams application"
              + " with Krako's critical-path settings writes each unit's events and ledger line)");
    }
    List<ContractFloorResult> krakoHops = floor.on(ContractFloorBench.Route.KRAKO_HOPS);
    if (!krakoHops.isEmpty()) {
      floorLine("Krako's hops", krakoHops, floor.krakoHopsWorkUnitsPerSec());
      line(
          "  (Krako's hops: orchestration, %d claim loops, billing and trust, with Krako's settings,"
              + " stores and transactions; sessions of %d units in a chain; %d records written and"
              + " %d read per WorkUnit, and a readiness per session; none of Krako's processing:"
              + " nothing decoded, no graph, a session's entry the size of a record)",
          KrakoHopsFloor.CLAIM_LOOPS,
          KrakoHopsFloor.UNITS_PER_SESSION,
          KrakoHopsFloor.RECORDS_PER_UNIT,
          KrakoHopsFloor.READS_PER_UNIT);
    }
    line("");
  }

  private void floorLine(String route, List<ContractFloorResult> runs, Spread workUnitsPerSec) {
    line(
        "  %-16s %s WorkUnits/s; CPU cores: broker %s, the bench's clients %s, whole machine %s",
        route,
        spread(workUnitsPerSec, 0),
        spread(Spread.of(runs, r -> cores(r.usage(), ProcessUsage.BROKER)), 2),
        spread(Spread.of(runs, r -> cores(r.usage(), ProcessUsage.GENERATOR)), 2),
        spread(Spread.of(runs, r -> r.usage().machineBusyCores()), 2));
  }

  private static double cores(Usage usage, String process) {
    return usage.processes().stream()
        .filter(p -> p.process().equals(process))
        .mapToDouble(ProcessUsage::cpuCores)
        .findFirst()
        .orElse(Double.NaN);
  }

  private void againstFloor(BenchReport.ContractFloor floor, BenchReport.Headline h) {
    if (floor == null) {
      return;
    }
    double ceiling = floor.workUnitsPerSec().median();
    line(
        "  Contract floor in this run: %s WorkUnits/s with no processing at all, what the"
            + " contract's own records leave room for on this machine; Krako's %s WorkUnits/s are"
            + " %s %% of it.",
        num(ceiling, 0),
        num(h.workUnitsCompletedPerSec(), 0),
        num(100 * h.workUnitsCompletedPerSec() / ceiling, 1));
    double hop = floor.oneStreamsHopWorkUnitsPerSec().median();
    if (!Double.isNaN(hop)) {
      line(
          "  Through one exactly-once Streams hop: %s WorkUnits/s; Krako's are %s %% of it.",
          num(hop, 0), num(100 * h.workUnitsCompletedPerSec() / hop, 1));
    }
    double krakoHops = floor.krakoHopsWorkUnitsPerSec().median();
    if (!Double.isNaN(krakoHops)) {
      line(
          "  Through Krako's own hops, doing nothing in them: %s WorkUnits/s; Krako's are %s %% of"
              + " it.",
          num(krakoHops, 0), num(100 * h.workUnitsCompletedPerSec() / krakoHops, 1));
    }
  }

  private void search(BenchReport.Search s) {
    if (s.fixedByOption()) {
      line(
          "Max rate: %s sessions/s, given with --max-rate (no search)",
          num(s.maxSustainedSessionsPerSec(), 1));
      line("");
      return;
    }
    line("Max-rate search (%s)", s.rule());
    line("  %9s %9s %9s %9s %9s  %s", "offered/s", "done/s", "WU/s", "p50 ms", "p99 ms", "verdict");
    SustainabilityRule rule = SustainabilityRule.defaults();
    for (StepResult step : s.steps()) {
      line(
          "  %9s %9s %9s %9s %9s  %s",
          num(step.offeredSessionsPerSec(), 1),
          num(step.sessionsPerSec(), 1),
          num(step.workUnitsCompletedPerSec(), 0),
          num(step.latency().p50Ms(), 0),
          num(step.latency().p99Ms(), 0),
          rule.violation(step).map(v -> "not sustained: " + v).orElse("sustained"));
    }
    line("  max sustained: %s sessions/s", num(s.maxSustainedSessionsPerSec(), 1));
    line("");
  }

  private void levels(BenchReport.Plan p, List<LevelSummary> levels) {
    line(
        "Load levels (%s s steps, %d repetition(s); median [min-max])",
        num(p.stepSeconds(), 0), p.repetitions());
    line(
        "  %5s %9s  %-24s %-24s %-24s %-20s %-20s %-20s",
        "load",
        "offered/s",
        "sessions/s",
        "WorkUnits done/s",
        "WorkUnits billed/s",
        "p50 ms",
        "p95 ms",
        "p99 ms");
    for (LevelSummary l : levels) {
      line(
          "  %4d%% %9s  %-24s %-24s %-24s %-20s %-20s %-20s",
          l.percent(),
          num(l.offeredSessionsPerSec(), 1),
          spread(l.sessionsPerSec(), 1),
          spread(l.workUnitsCompletedPerSec(), 0),
          spread(l.workUnitsBilledPerSec(), 0),
          spread(l.p50Ms(), 0),
          spread(l.p95Ms(), 0),
          spread(l.p99Ms(), 0));
    }
    line("");
  }

  private void shapes(List<LevelSummary> levels) {
    line("Latency by session shape, p50 / p95 / p99 ms (median of the repetitions)");
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %5s", "load"));
    for (SessionShape shape : SessionShape.values()) {
      head.append(String.format(Locale.ROOT, " %-23s", shape.name()));
    }
    line("%s", head);
    for (LevelSummary l : levels) {
      StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "  %4d%%", l.percent()));
      for (SessionShape shape : SessionShape.values()) {
        LevelSummary.ShapeLatency s = l.latencyOf(shape);
        row.append(
            String.format(
                Locale.ROOT,
                " %-23s",
                num(s.p50Ms().median(), 0)
                    + " / "
                    + num(s.p95Ms().median(), 0)
                    + " / "
                    + num(s.p99Ms().median(), 0)));
      }
      line("%s", row);
    }
    line("");
  }

  private void processes(List<LevelSummary> levels) {
    line("CPU (cores busy) and resident memory (MiB) per process, median of the repetitions");
    for (LevelSummary l : levels) {
      String parts =
          l.cpuCores().entrySet().stream()
              .map(e -> usage(e.getKey(), e.getValue(), l.rssMiB()))
              .collect(Collectors.joining("; "));
      line(
          "  %4d%%  %s; whole machine %s cores, load avg %s",
          l.percent(),
          parts,
          num(l.machineBusyCores().median(), 2),
          num(l.loadAverage1m().median(), 2));
    }
    line("");
    if (levels.stream().anyMatch(l -> !Double.isNaN(l.brokerRequestsPerWorkUnit().median()))) {
      line(
          "Broker requests per WorkUnit completed (every client's, by the broker's own counters),"
              + " median of the repetitions");
      for (LevelSummary l : levels) {
        line(
            "  %4d%%  %s requests, of which %s transactions ended",
            l.percent(),
            num(l.brokerRequestsPerWorkUnit().median(), 2),
            num(l.transactionsPerWorkUnit().median(), 2));
      }
      line("");
    }
  }

  private static String usage(String process, Spread cpu, Map<String, Spread> rss) {
    Spread memory = rss.get(process);
    String mem =
        memory == null || Double.isNaN(memory.median())
            ? ""
            : ", " + num(memory.median(), 0) + " MiB";
    return process + ": " + num(cpu.median(), 2) + " cores" + mem;
  }

  private void headline(BenchReport.Headline h) {
    line(
        "Sustained at %d %% load: %s sessions/s, %s WorkUnits/s completed, %s billed;"
            + " raw broker %s records/s; Krako/raw = %s %%",
        h.atPercent(),
        num(h.sessionsPerSec(), 1),
        num(h.workUnitsCompletedPerSec(), 0),
        num(h.workUnitsBilledPerSec(), 0),
        num(h.rawBrokerRecordsPerSec(), 0),
        num(h.ratioToRawBrokerPercent(), 3));
  }

  private void appends(BenchReport.Appends a) {
    if (a == null) {
      return;
    }
    line("");
    line(
        "Broker appends over the whole run (records + transaction markers, every topic of the run"
            + " but the raw broker's and the contract floor's): %s for %s WorkUnits completed ="
            + " %s per WorkUnit",
        num(a.appends(), 0), num(a.workUnitsCompleted(), 0), num(a.perUnit(), 1));
    for (BenchReport.TopicAppends t : a.topics()) {
      line("  %-70s %12s  %6s per WorkUnit", t.topic(), num(t.appends(), 0), num(t.perUnit(), 2));
    }
  }

  private void targets(List<TargetCheck> targets) {
    line("Targets (issue 8)");
    for (TargetCheck t : targets) {
      line(
          "  %-12s %-44s measured %s (%s)",
          t.verdict(),
          t.target(),
          num(t.measured(), Math.abs(t.measured()) < 1 ? 3 : 1),
          t.measuredAs());
    }
  }

  /** {@code median [min-max]}. */
  static String spread(Spread s, int decimals) {
    if (s.n() <= 1) {
      return num(s.median(), decimals);
    }
    return num(s.median(), decimals)
        + " ["
        + num(s.min(), decimals)
        + "-"
        + num(s.max(), decimals)
        + "]";
  }

  /** A number with thousands separators, or "n/a" for NaN. */
  static String num(double value, int decimals) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }

  private static String loads(List<Double> loads) {
    return loads.stream().map(v -> num(v, 2)).collect(Collectors.joining(" "));
  }

  private void line(String format, Object... args) {
    out.append(String.format(Locale.ROOT, format, args)).append(System.lineSeparator());
  }
}
