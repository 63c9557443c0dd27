package dev.krako.cli.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Everything one {@code krako bench} run measured, as written to JSON (NaN, a figure that was not
 * measured, is written as {@code null}).
 */
record BenchReport(
    String runId,
    String startedAt,
    List<String> commandLine,
    Machine machine,
    Plan plan,
    RawBroker rawBroker,
    ContractFloor contractFloor,
    StepResult warmup,
    WarmUpDetail warmupDetail,
    Search search,
    List<LevelSummary> levels,
    Headline headline,
    List<TargetCheck> targets,
    Appends appends) {

  /** Where it ran. Load averages: 1, 5 and 15 minutes, at the start and at the end. */
  record Machine(
      int availableProcessors,
      long memoryTotalMiB,
      String java,
      String os,
      String broker,
      List<Double> loadAverageAtStart,
      List<Double> loadAverageAtEnd) {}

  /**
   * Broker appends (records and transaction markers) of the whole run per completed WorkUnit; null
   * in reports written before it was counted.
   *
   * @param topics the topics with the most appends, names without the run's prefix
   */
  record Appends(
      long appends, long workUnitsCompleted, double perUnit, List<TopicAppends> topics) {}

  /** One topic's appends over the run. */
  record TopicAppends(String topic, long appends, double perUnit) {}

  /** What the run was asked to do. */
  record Plan(
      double stepSeconds,
      double warmupSeconds,
      double warmupRate,
      double warmupMaxSeconds,
      int repetitions,
      int partitions,
      double startRate,
      double searchStepSeconds,
      Double fixedMaxRate,
      int cpuLoops,
      int instances,
      long rawRecords,
      List<Integer> levelsPercent,
      List<String> sessionMix,
      double meanUnitsPerSession) {}

  /** The raw broker's runs and their spread. */
  record RawBroker(
      int recordBytes,
      String recordBytesFrom,
      List<RawBrokerResult> runs,
      int failedRuns,
      Spread producedPerSec,
      Spread consumedPerSec,
      Spread producerToConsumerPerSec) {

    static RawBroker of(int recordBytes, String from, List<RawBrokerResult> runs, int failed) {
      return new RawBroker(
          recordBytes,
          from,
          List.copyOf(runs),
          failed,
          Spread.of(runs, RawBrokerResult::producedPerSec),
          Spread.of(runs, RawBrokerResult::consumedPerSec),
          Spread.of(runs, RawBrokerResult::producerToConsumerPerSec));
    }
  }

  /**
   * The contract floor's runs and their spread ({@link ContractFloorBench}); null in reports
   * written before it was measured.
   */
  record ContractFloor(
      List<ContractFloorResult> runs,
      int failedRuns,
      Spread workUnitsPerSec,
      Spread oneStreamsHopWorkUnitsPerSec,
      Spread krakoHopsWorkUnitsPerSec) {

    ContractFloor {
      runs = List.copyOf(runs);
      // Session 13's first reports measured the direct route only, its later ones no Krako hops.
      oneStreamsHopWorkUnitsPerSec =
          oneStreamsHopWorkUnitsPerSec == null ? Spread.of() : oneStreamsHopWorkUnitsPerSec;
      krakoHopsWorkUnitsPerSec =
          krakoHopsWorkUnitsPerSec == null ? Spread.of() : krakoHopsWorkUnitsPerSec;
    }

    static ContractFloor of(List<ContractFloorResult> runs, int failed) {
      return new ContractFloor(
          runs,
          failed,
          Spread.of(
              on(runs, ContractFloorBench.Route.DIRECT), ContractFloorResult::workUnitsPerSec),
          Spread.of(
              on(runs, ContractFloorBench.Route.ONE_STREAMS_HOP),
              ContractFloorResult::workUnitsPerSec),
          Spread.of(
              on(runs, ContractFloorBench.Route.KRAKO_HOPS), ContractFloorResult::workUnitsPerSec));
    }

    /** The runs of one route. */
    List<ContractFloorResult> on(ContractFloorBench.Route route) {
      return on(runs, route);
    }

    private static List<ContractFloorResult> on(
        List<ContractFloorResult> runs, ContractFloorBench.Route route) {
      return runs.stream().filter(r -> r.route() == route).toList();
    }
  }

  /**
   * The warm-up's windows ({@link WarmUp}); null in reports written before the warm-up waited for
   * the system to settle, whose {@code warmup} was one fixed step. {@code warmup} is then the last
   * window.
   *
   * @param jitLoad per window, Krako's JIT load ({@link WarmUp.Window#jitLoad()}; NaN where the JVM
   *     does not say)
   */
  record WarmUpDetail(
      boolean settled, String verdict, List<StepResult> windows, List<Double> jitLoad) {}

  /** The max-rate search (or the rate given with --max-rate, then with no steps). */
  record Search(
      double maxSustainedSessionsPerSec,
      boolean fixedByOption,
      String rule,
      List<StepResult> steps) {}

  /**
   * The figures the issue asks for, at the highest level run (normally 100 % of the measured
   * maximum).
   */
  record Headline(
      int atPercent,
      double sessionsPerSec,
      double workUnitsCompletedPerSec,
      double workUnitsBilledPerSec,
      double rawBrokerRecordsPerSec,
      double ratioToRawBrokerPercent) {

    static Headline of(List<LevelSummary> levels, Optional<Spread> raw) {
      Optional<LevelSummary> top =
          levels.stream().max(java.util.Comparator.comparingInt(LevelSummary::percent));
      double units = top.map(l -> l.workUnitsCompletedPerSec().median()).orElse(Double.NaN);
      double rawRate = raw.map(Spread::median).orElse(Double.NaN);
      return new Headline(
          top.map(LevelSummary::percent).orElse(0),
          top.map(l -> l.sessionsPerSec().median()).orElse(Double.NaN),
          units,
          top.map(l -> l.workUnitsBilledPerSec().median()).orElse(Double.NaN),
          rawRate,
          100 * units / rawRate);
    }
  }

  /** Reads a report written by {@link #toJson()} (null figures become NaN again). */
  static BenchReport fromJson(String json) throws IOException {
    return MAPPER.readValue(json, BenchReport.class);
  }

  /** The JSON form, indented. */
  String toJson() {
    try {
      return MAPPER.writeValueAsString(this);
    } catch (IOException e) {
      throw new IllegalStateException("The bench report could not be written as JSON.", e);
    }
  }

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .registerModule(
              new SimpleModule("bench-nan")
                  .addSerializer(Double.class, new FiniteOrNull())
                  .addSerializer(double.class, new FiniteOrNull())
                  .addDeserializer(Double.class, new NullAsNaN())
                  .addDeserializer(double.class, new NullAsNaN()));

  /** Back from JSON: null, an unmeasured figure, is NaN. */
  private static final class NullAsNaN extends StdDeserializer<Double> {
    NullAsNaN() {
      super(Double.class);
    }

    @Override
    public Double deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return p.getValueAsDouble(Double.NaN);
    }

    @Override
    public Double getNullValue(DeserializationContext ctxt) {
      return Double.NaN;
    }
  }

  /** JSON has no NaN: an unmeasured figure is null. */
  private static final class FiniteOrNull extends StdSerializer<Double> {
    FiniteOrNull() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      if (value == null || value.isNaN() || value.isInfinite()) {
        gen.writeNull();
      } else {
        gen.writeNumber(value);
      }
    }
  }
}
