package dev.krako.cli.bench;

import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * The bench's procedure against a running system: warm up, measure the raw broker, find the maximum
 * sustained rate, then run each load level {@code repetitions} times (interleaved, so that a noisy
 * minute on a shared machine does not fall on one level only). Prints a line per step as it goes.
 */
final class BenchRun {

  /** Creates a topic for the raw broker runs. */
  @FunctionalInterface
  interface TopicCreator {
    void create(String name, int partitions) throws Exception;
  }

  /** What the procedure found, for the report. */
  record Findings(
      StepResult warmup,
      BenchReport.WarmUpDetail warmupDetail,
      BenchReport.RawBroker rawBroker,
      BenchReport.ContractFloor contractFloor,
      BenchReport.Search search,
      List<LevelSummary> levels) {}

  private static final int FALLBACK_RECORD_BYTES = 512;

  /** The raw broker's topics, without the run's prefix. */
  static final String RAW_TOPIC = "raw-broker-";

  /** The contract floor's topics, without the run's prefix. */
  static final String FLOOR_TOPIC = "contract-floor-";

  private final BenchPlan plan;
  private final StepRunner steps;
  private final RawBrokerBench raw;
  private final ContractFloorBench floor;
  private final ProcessStats stats;
  private final TopicCreator topics;
  private final String topicPrefix;
  private final String eventsTopic;
  private final PrintStream out;

  BenchRun(
      BenchPlan plan,
      StepRunner steps,
      RawBrokerBench raw,
      ContractFloorBench floor,
      ProcessStats stats,
      TopicCreator topics,
      String topicPrefix,
      String eventsTopic,
      PrintStream out) {
    this.plan = plan;
    this.steps = steps;
    this.raw = raw;
    this.floor = floor;
    this.stats = stats;
    this.topics = topics;
    this.topicPrefix = topicPrefix;
    this.eventsTopic = eventsTopic;
    this.out = out;
  }

  Findings execute() throws Exception {
    StepResult warmup = null;
    BenchReport.WarmUpDetail detail = null;
    double searchFrom = plan.startRate();
    if (!plan.warmup().isZero()) {
      WarmUp.Outcome outcome = warmUp();
      List<StepResult> windows = outcome.windows().stream().map(WarmUp.Window::step).toList();
      warmup = windows.get(windows.size() - 1);
      detail =
          new BenchReport.WarmUpDetail(
              outcome.settled(),
              outcome.verdict(),
              windows,
              outcome.windows().stream().map(WarmUp.Window::jitLoad).toList());
      out.println("Warm-up " + outcome.verdict());
      // The rates below it were just sustained, warm: the search need not walk them again.
      searchFrom = Math.max(plan.startRate(), outcome.lastSustainedRate());
    }
    BenchReport.RawBroker rawBroker = rawBroker();
    BenchReport.ContractFloor contractFloor = contractFloor(rawBroker.recordBytes());
    BenchReport.Search search = search(searchFrom);
    List<LevelSummary> levels = levels(search.maxSustainedSessionsPerSec());
    return new Findings(warmup, detail, rawBroker, contractFloor, search, levels);
  }

  private WarmUp.Outcome warmUp() throws Exception {
    WarmUp warmUp =
        new WarmUp(
            plan.startRate(),
            plan.warmupRate(),
            plan.searchStep(), // the search's steps: as long as the windows that will judge it
            plan.warmup(),
            plan.warmupMax(),
            SustainabilityRule.defaults());
    CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
    boolean timed = jit != null && jit.isCompilationTimeMonitoringSupported();
    int[] n = {0};
    return warmUp.run(
        rate -> {
          long jitBefore = timed ? jit.getTotalCompilationTime() : 0;
          long wallBefore = System.nanoTime();
          StepResult r = step("warm-up " + ++n[0], StepResult.Kind.WARMUP, rate, plan.searchStep());
          double wallMs = (System.nanoTime() - wallBefore) / 1e6;
          double load = timed ? (jit.getTotalCompilationTime() - jitBefore) / wallMs : Double.NaN;
          out.printf(
              "  Krako's JIT load: %s s compiled per s in that window%n", BenchTable.num(load, 2));
          return new WarmUp.Window(r, load);
        });
  }

  private BenchReport.RawBroker rawBroker() throws Exception {
    int measured = raw.meanRecordBytes(eventsTopic, 5_000, -1);
    int bytes = measured > 0 ? measured : FALLBACK_RECORD_BYTES;
    String from =
        measured > 0 ? "the mean size of Krako's event records in this run" : "a default size";
    List<RawBrokerResult> runs = new ArrayList<>();
    int failed = 0;
    for (int i = 1; i <= plan.repetitions(); i++) {
      String topic = topicPrefix + RAW_TOPIC + i;
      RawBrokerResult r;
      try {
        topics.create(topic, plan.partitions());
        r = raw.run(topic, plan.partitions(), plan.rawRecords(), bytes);
      } catch (ExecutionException | TimeoutException | IllegalStateException e) {
        // One failed yardstick run is a figure less, not a reason to drop Krako's.
        out.printf("raw broker %d/%d failed: %s%n", i, plan.repetitions(), rootMessage(e));
        failed++;
        continue;
      }
      out.printf(
          "raw broker %d/%d: %s records of %d B: produced %s/s, consumed %s/s,"
              + " producer->consumer %s/s%n",
          i,
          plan.repetitions(),
          BenchTable.num(r.records(), 0),
          bytes,
          BenchTable.num(r.producedPerSec(), 0),
          BenchTable.num(r.consumedPerSec(), 0),
          BenchTable.num(r.producerToConsumerPerSec(), 0));
      runs.add(r);
    }
    return BenchReport.RawBroker.of(bytes, from, runs, failed);
  }

  /**
   * The contract floor, as many times as the raw broker, on each route (ContractFloorBench.Route),
   * with as many records written per direct run as a raw broker run moves, of the same size. First
   * one shorter run of each route that is not counted: the floor's clients and Streams applications
   * run in the bench's JVM, whose compiler has not met their code yet (Krako's warm-up does not run
   * it), and their first run was the slowest in every bench of session 14 (Krako's hops: 4,302,
   * then 8,003 and 10,334 WorkUnits/s).
   */
  private BenchReport.ContractFloor contractFloor(int bytes) throws Exception {
    long units = Math.max(1, plan.rawRecords() / ContractFloorBench.RECORDS_PER_UNIT);
    for (ContractFloorBench.Route route : ContractFloorBench.Route.values()) {
      floorRun(route, "warm-up", Math.max(1, units / WARMUP_FRACTION), bytes);
    }
    List<ContractFloorResult> runs = new ArrayList<>();
    int failed = 0;
    for (int i = 1; i <= plan.repetitions(); i++) {
      for (ContractFloorBench.Route route : ContractFloorBench.Route.values()) {
        ContractFloorResult r =
            floorRun(route, String.format("%d/%d", i, plan.repetitions()), units, bytes);
        if (r == null) {
          failed++;
        } else {
          runs.add(r);
        }
      }
    }
    return BenchReport.ContractFloor.of(runs, failed);
  }

  /** A floor warm-up run is this fraction of a measured run's units. */
  private static final int WARMUP_FRACTION = 5;

  /** One run of the contract floor, printed; null when it failed. */
  private ContractFloorResult floorRun(
      ContractFloorBench.Route route, String run, long units, int bytes) throws Exception {
    String label = String.format("contract floor %s %s", route.label(), run);
    String stem =
        topicPrefix
            + FLOOR_TOPIC
            + route.label().replace(' ', '-')
            + "-"
            + run.replace('/', '-')
            + "-";
    ContractFloorBench.Topics t =
        new ContractFloorBench.Topics(
            stem + "ready", stem + "dispatch", stem + "events", stem + "reports", stem + "ledger");
    ContractFloorResult r;
    try {
      for (String topic : t.of(route)) {
        topics.create(topic, plan.partitions());
      }
      r = floor.run(t, plan.partitions(), units, bytes, stem + "producer", route, stats);
    } catch (ExecutionException
        | TimeoutException
        | IllegalStateException
        | org.apache.kafka.common.KafkaException
        | java.io.UncheckedIOException e) {
      // One failed yardstick run is a figure less, not a reason to drop Krako's.
      out.printf("%s failed: %s%n", label, rootMessage(e));
      return null;
    }
    out.printf(
        "%s: %s WorkUnits (%d records of %d B written, %d read, each): %s WorkUnits/s, %s"
            + " transactions/s (%s records each); CPU cores: %s%n",
        label,
        BenchTable.num(r.workUnits(), 0),
        r.recordsPerUnit(),
        bytes,
        r.readsPerUnit(),
        BenchTable.num(r.workUnitsPerSec(), 0),
        BenchTable.num(r.transactionsPerSec(), 1),
        BenchTable.num(r.recordsWrittenPerSec() / r.transactionsPerSec(), 0),
        cores(r.usage()));
    return r;
  }

  /**
   * The search's maximum must hold for a level's whole step (MaxRateSearch#confirm); each failed
   * confirmation offers 10 % less, up to four runs (0.73 of the search's figure at worst), which
   * adds one level step to a run whose maximum holds and at most four.
   */
  private static final int CONFIRM_TRIES = 4;

  private static final double CONFIRM_BACKOFF = 0.9;

  private BenchReport.Search search(double from) throws Exception {
    SustainabilityRule rule = SustainabilityRule.defaults();
    String ruleText =
        String.format(
            java.util.Locale.ROOT,
            "%s s steps; sustained = completions >= %.0f %% of offered, p99 <= %.0f ms,"
                + " nothing lost",
            BenchTable.num(plan.searchStep().toMillis() / 1e3, 0),
            100 * rule.minCompletionRatio(),
            rule.maxP99Ms());
    if (plan.fixedMaxRate().isPresent()) {
      return new BenchReport.Search(plan.fixedMaxRate().getAsDouble(), true, ruleText, List.of());
    }
    int[] n = {0};
    MaxRateSearch search = new MaxRateSearch(from, 12, 0.15, rule);
    MaxRateSearch.Outcome searched =
        search.search(
            rate -> step("search " + ++n[0], StepResult.Kind.SEARCH, rate, plan.searchStep()));
    int[] c = {0};
    MaxRateSearch.Outcome outcome =
        search.confirm(
            searched,
            rate -> step("confirm " + ++c[0], StepResult.Kind.SEARCH, rate, plan.step()),
            CONFIRM_TRIES,
            CONFIRM_BACKOFF);
    ruleText +=
        String.format(
            java.util.Locale.ROOT,
            "; then held for %s s, else %.0f %% less, at most %d times",
            BenchTable.num(plan.step().toMillis() / 1e3, 0),
            100 * (1 - CONFIRM_BACKOFF),
            CONFIRM_TRIES);
    double max = outcome.maxSustainedRate();
    if (max == 0) {
      // Nothing was sustained: take what the system did complete as its capacity, and say so.
      max = outcome.steps().stream().mapToDouble(StepResult::sessionsPerSec).max().orElse(0);
      out.printf(
          "No search step was sustained; the levels use the best completion rate seen, %s/s.%n",
          BenchTable.num(max, 2));
      ruleText += "; none sustained, maximum = best completion rate seen";
    }
    out.printf("Max sustained rate: %s sessions/s%n", BenchTable.num(max, 2));
    return new BenchReport.Search(max, false, ruleText, outcome.steps());
  }

  private List<LevelSummary> levels(double max) throws Exception {
    if (!(max > 0)) {
      return List.of();
    }
    Map<Integer, List<StepResult>> reps = new LinkedHashMap<>();
    for (int rep = 1; rep <= plan.repetitions(); rep++) {
      for (int percent : plan.levels()) {
        double rate = max * percent / 100.0;
        String label = "level " + percent + "% rep " + rep + "/" + plan.repetitions();
        reps.computeIfAbsent(percent, p -> new ArrayList<>())
            .add(step(label, StepResult.Kind.LEVEL, rate, plan.step()));
      }
    }
    List<LevelSummary> levels = new ArrayList<>();
    reps.forEach(
        (percent, runs) -> levels.add(LevelSummary.of(percent, max * percent / 100.0, runs)));
    return levels;
  }

  private StepResult step(String label, StepResult.Kind kind, double rate, java.time.Duration d)
      throws Exception {
    StepResult r = steps.run(label, kind, rate, d);
    out.println(progress(r));
    return r;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  /** Each process's cores and the machine's, for a progress line. */
  static String cores(Usage usage) {
    return usage.processes().stream()
            .map(u -> u.shortName() + " " + BenchTable.num(u.cpuCores(), 2))
            .reduce((a, b) -> a + ", " + b)
            .orElse("")
        + ", machine "
        + BenchTable.num(usage.machineBusyCores(), 2);
  }

  /** One line per step, for the person watching. */
  static String progress(StepResult r) {
    String problems =
        r.unfinished() + r.rejected() + r.sendFailures() + r.failedSessions() + r.backlogAtStart()
                == 0
            ? ""
            : String.format(
                " [%d unfinished, %d rejected, %d failed%s, %d not sent, %d carried over]",
                r.unfinished(),
                r.rejected(),
                r.failedSessions(),
                r.failedByStopReason().isEmpty() ? "" : " " + r.failedByStopReason(),
                r.sendFailures(),
                r.backlogAtStart());
    return String.format(
        java.util.Locale.ROOT,
        "%-22s offered %7s/s -> %7s sessions/s, %7s WU/s done, %7s billed; p50 %6s ms,"
            + " p99 %6s ms; CPU cores: %s%s%s",
        r.label(),
        BenchTable.num(r.offeredSessionsPerSec(), 1),
        BenchTable.num(r.sessionsPerSec(), 1),
        BenchTable.num(r.workUnitsCompletedPerSec(), 0),
        BenchTable.num(r.workUnitsBilledPerSec(), 0),
        BenchTable.num(r.latency().p50Ms(), 0),
        BenchTable.num(r.latency().p99Ms(), 0),
        cores(r.usage()),
        requests(r),
        problems);
  }

  /** The broker's requests and transactions per completed WorkUnit, when they were read. */
  private static String requests(StepResult r) {
    double total = r.usage().brokerRequestsTotalPerSec();
    if (Double.isNaN(total)) {
      return "";
    }
    double transactions = r.usage().transactionsPerSec();
    return String.format(
        java.util.Locale.ROOT,
        "; broker %s requests/s (%s per WU), %s transactions/s (%s per WU)",
        BenchTable.num(total, 0),
        BenchTable.num(LevelSummary.perWorkUnit(total, r), 2),
        BenchTable.num(transactions, 0),
        BenchTable.num(LevelSummary.perWorkUnit(transactions, r), 2));
  }
}
