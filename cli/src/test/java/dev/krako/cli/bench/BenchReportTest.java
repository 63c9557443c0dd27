package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The report's JSON shape, its table and the target verdicts, from made-up figures. */
class BenchReportTest {

  private final BenchReport report = BenchReportFixture.report();

  @Test
  void theJsonHoldsEveryFigureTheIssueAsksFor() throws Exception {
    JsonNode json = new ObjectMapper().readTree(report.toJson());

    assertThat(json.path("machine").path("availableProcessors").asInt()).isEqualTo(2);
    assertThat(json.path("machine").path("loadAverageAtStart")).hasSize(3);
    assertThat(json.path("rawBroker").path("producerToConsumerPerSec").path("median").asDouble())
        .isEqualTo(100_000);
    assertThat(json.path("rawBroker").path("runs")).hasSize(2);
    assertThat(json.path("search").path("maxSustainedSessionsPerSec").asDouble()).isEqualTo(20);
    assertThat(json.path("search").path("steps")).hasSize(2);
    JsonNode half = json.path("levels").get(1);
    assertThat(half.path("percent").asInt()).isEqualTo(50);
    for (String field :
        List.of(
            "sessionsPerSec",
            "workUnitsCompletedPerSec",
            "workUnitsBilledPerSec",
            "p50Ms",
            "p95Ms",
            "p99Ms")) {
      assertThat(half.path(field).path("median").isNumber()).as(field).isTrue();
      assertThat(half.path(field).has("min")).as(field).isTrue();
      assertThat(half.path(field).has("max")).as(field).isTrue();
    }
    assertThat(half.path("byShape").path("CHAIN5").path("p99Ms").path("median").asDouble())
        .isEqualTo(900);
    assertThat(half.path("cpuCores").path(ProcessUsage.BROKER).path("median").asDouble())
        .isEqualTo(0.5);
    assertThat(half.path("rssMiB").path(ProcessUsage.KRAKO).path("median").asDouble())
        .isEqualTo(900);
    assertThat(half.path("repetitions")).hasSize(2);
    JsonNode headline = json.path("headline");
    assertThat(headline.path("workUnitsCompletedPerSec").asDouble()).isEqualTo(145);
    assertThat(headline.path("ratioToRawBrokerPercent").asDouble()).isEqualTo(0.145);
    assertThat(json.path("targets")).hasSize(5);
  }

  @Test
  void unmeasuredFiguresAreNullNotNaN() throws Exception {
    String text = report.toJson();
    JsonNode json = new ObjectMapper().readTree(text);

    assertThat(text).doesNotContain("NaN");
    JsonNode generatorRss = json.path("levels").get(0).path("rssMiB").path(ProcessUsage.GENERATOR);
    assertThat(generatorRss.path("median").isNull()).isTrue();
    assertThat(
            json.path("levels")
                .get(0)
                .path("byShape")
                .path("FANOUT20")
                .path("p50Ms")
                .path("median")
                .isNull())
        .isTrue();
    assertThat(json.path("warmupDetail").path("jitLoad").get(0).isNull()).isTrue();
  }

  @Test
  void aWrittenReportReadsBackToTheSameTableUnmeasuredFiguresIncluded() throws Exception {
    BenchReport read = BenchReport.fromJson(report.toJson());

    assertThat(BenchTable.render(read)).isEqualTo(BenchTable.render(report));
    assertThat(read.levels().get(0).rssMiB().get(ProcessUsage.GENERATOR).median()).isNaN();
    assertThat(read.toJson()).isEqualTo(report.toJson());
  }

  @Test
  void theAppendsPerWorkUnitAreWrittenAndPrinted() throws Exception {
    JsonNode appends = new ObjectMapper().readTree(report.toJson()).path("appends");

    assertThat(appends.path("perUnit").asDouble()).isEqualTo(72);
    assertThat(appends.path("topics").get(0).path("topic").asText()).isEqualTo("krako.events");
    assertThat(BenchTable.render(report))
        .contains("72,000 for 1,000 WorkUnits completed = 72.0 per WorkUnit")
        .containsPattern("krako\\.events +20,000 +20\\.00 per WorkUnit");
  }

  @Test
  void aReportWithoutAppendsStillReadsBack() throws Exception {
    BenchReport read = readBack(json -> json.remove("appends"));

    assertThat(read.appends()).isNull();
    assertThat(BenchTable.render(read)).doesNotContain("Broker appends");
  }

  @Test
  void theContractFloorIsWrittenAndKrakoComparedWithIt() throws Exception {
    JsonNode floor = new ObjectMapper().readTree(report.toJson()).path("contractFloor");

    assertThat(floor.path("runs")).hasSize(4);
    assertThat(floor.path("runs").get(0).path("recordsPerUnit").asInt()).isEqualTo(6);
    assertThat(floor.path("runs").get(2).path("route").asText()).isEqualTo("ONE_STREAMS_HOP");
    assertThat(floor.path("runs").get(3).path("route").asText()).isEqualTo("KRAKO_HOPS");
    assertThat(floor.path("workUnitsPerSec").path("median").asDouble()).isEqualTo(4_500);
    assertThat(floor.path("oneStreamsHopWorkUnitsPerSec").path("median").asDouble())
        .isEqualTo(1_000);
    assertThat(floor.path("krakoHopsWorkUnitsPerSec").path("median").asDouble()).isEqualTo(725);
    assertThat(BenchTable.render(report))
        .contains("Contract floor: per WorkUnit the records")
        .contains("median [min-max] of 2, after a shorter, uncounted run of each route")
        .contains("500 WorkUnits: 6 records of 400 B written each")
        .contains(
            "direct           4,500 [4,000-5,000] WorkUnits/s; CPU cores: broker 1.20 [1.13-1.27],"
                + " the bench's clients 0.60 [0.57-0.63], whole machine 1.80 [1.70-1.90]")
        .contains("one Streams hop  1,000 WorkUnits/s; CPU cores: broker 1.30")
        .contains("Contract floor in this run: 4,500 WorkUnits/s")
        .contains("Krako's 145 WorkUnits/s are 3.2 % of it.")
        .contains("Through one exactly-once Streams hop: 1,000 WorkUnits/s; Krako's are 14.5 %")
        .contains("Krako's hops     725 WorkUnits/s; CPU cores: broker 1.32")
        .contains("Krako's hops: orchestration, 2 claim loops, billing and trust")
        .contains(
            "Through Krako's own hops, doing nothing in them: 725 WorkUnits/s; Krako's are 20.0");
  }

  @Test
  void aReportWithoutTheContractFloorStillReadsBack() throws Exception {
    BenchReport read = readBack(json -> json.remove("contractFloor"));

    assertThat(read.contractFloor()).isNull();
    assertThat(BenchTable.render(read)).doesNotContain("Contract floor");
  }

  @Test
  void aFloorOfTheDirectRouteOnlyStillReadsBack() throws Exception {
    // Session 13's first reports: runs without a route, no Streams hop figure.
    BenchReport read =
        readBack(
            json -> {
              ObjectNode floor = (ObjectNode) json.path("contractFloor");
              floor.remove("oneStreamsHopWorkUnitsPerSec");
              floor.remove("krakoHopsWorkUnitsPerSec");
              ((ArrayNode) floor.path("runs")).remove(3);
              ((ArrayNode) floor.path("runs")).remove(2);
              floor.path("runs").forEach(r -> ((ObjectNode) r).remove("route"));
            });

    assertThat(read.contractFloor().on(ContractFloorBench.Route.DIRECT)).hasSize(2);
    assertThat(read.contractFloor().oneStreamsHopWorkUnitsPerSec().median()).isNaN();
    assertThat(BenchTable.render(read))
        .contains("direct           4,500 [4,000-5,000] WorkUnits/s")
        .doesNotContain("one Streams hop")
        .doesNotContain("Krako's hops");
  }

  @Test
  void aFloorWithoutKrakosHopsStillReadsBack() throws Exception {
    // Session 13's later reports: the direct route and one Streams hop.
    BenchReport read =
        readBack(
            json -> {
              ObjectNode floor = (ObjectNode) json.path("contractFloor");
              floor.remove("krakoHopsWorkUnitsPerSec");
              ((ArrayNode) floor.path("runs")).remove(3);
            });

    assertThat(read.contractFloor().krakoHopsWorkUnitsPerSec().median()).isNaN();
    assertThat(BenchTable.render(read))
        .contains("one Streams hop  1,000 WorkUnits/s")
        .doesNotContain("Krako's hops")
        .doesNotContain("Through Krako's own hops");
  }

  @Test
  void theYardsticksTopicsAreNotKrakosAppends() {
    assertThat(AppendCount.yardstick("raw-broker-1")).isTrue();
    assertThat(AppendCount.yardstick("contract-floor-2-events")).isTrue();
    assertThat(AppendCount.yardstick("krako.events")).isFalse();
  }

  @Test
  void targetsComparePercentilesAtHalfLoadAndThroughputAtTheTop() {
    assertThat(report.targets())
        .extracting(TargetCheck::verdict)
        .containsExactly(
            TargetCheck.Verdict.FAIL, // 145 WorkUnits/s
            TargetCheck.Verdict.FAIL, // 0.145 % of the raw broker
            TargetCheck.Verdict.PASS, // chain p50: median of 250 and 350
            TargetCheck.Verdict.PASS, // chain p99: 900
            TargetCheck.Verdict.PASS); // single p50: median of 80 and 120
    assertThat(report.targets().get(2).measured()).isEqualTo(300);
  }

  @Test
  void withoutAHalfLoadLevelTheLatencyTargetsAreNotMeasured() {
    List<TargetCheck> checks =
        TargetCheck.evaluate(List.of(report.levels().get(3)), java.util.Optional.empty());

    assertThat(checks.get(0).verdict()).isEqualTo(TargetCheck.Verdict.FAIL);
    assertThat(checks.subList(1, 5))
        .extracting(TargetCheck::verdict)
        .containsOnly(TargetCheck.Verdict.NOT_MEASURED);
  }

  @Test
  void theTableShowsEachSectionWithMediansAndRanges() {
    String table = BenchTable.render(report);

    assertThat(table)
        .contains("Raw broker: 1,000 records of 400 B")
        .contains("producer->consumer  100,000 [90,000-110,000] records/s")
        .contains("max sustained: 20.0 sessions/s")
        .containsPattern("50%\\s+10\\.0\\s+10\\.0 \\[10\\.0-10\\.0\\]")
        .contains("CHAIN5")
        .contains(ProcessUsage.BROKER + ": 0.50 cores, 450 MiB")
        .contains("Broker requests per WorkUnit completed")
        .contains("   25%  6.50 requests, of which 0.50 transactions ended")
        .contains("Krako/raw = 0.145 %")
        .contains("FAIL         sustained WorkUnits/s >= 10,000")
        .contains("PASS         5-unit chain p50 <= 300 ms at 50 % load");
  }

  /** The fixture's report as JSON, edited, then read back: what an older build wrote. */
  private BenchReport readBack(Consumer<ObjectNode> edit) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode json = (ObjectNode) mapper.readTree(report.toJson());
    edit.accept(json);
    return BenchReport.fromJson(mapper.writeValueAsString(json));
  }
}
