package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.cli.KrakoCommand;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code krako bench} end to end, kept short: the real broker, the whole system, 3 s steps at a
 * fixed low rate, one repetition. Asserts the report's shape and that every session finished; speed
 * is measured by the bench, never asserted here.
 */
@ExtendWith(KafkaBrokerExtension.class)
class BenchSmokeIT {

  @TempDir Path out;

  @Test
  void aShortBenchWritesATableJsonAndChartWithEveryFigure(LocalKafkaBroker broker)
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    int code;
    try {
      code =
          new CommandLine(new KrakoCommand())
              .execute(
                  "bench",
                  "--bootstrap-servers",
                  broker.bootstrapServers(),
                  "--duration",
                  "3s",
                  "--warmup",
                  "1s",
                  "--warmup-max",
                  "4s",
                  "--search-duration",
                  "2s",
                  "--repetitions",
                  "1",
                  "--partitions",
                  "3",
                  "--max-rate",
                  "4",
                  "--levels",
                  "50,100",
                  "--raw-records",
                  "20000",
                  "--out",
                  out.toString());
    } finally {
      System.setOut(original);
    }
    String console = printed.toString(StandardCharsets.UTF_8);
    System.out.print(console); // into the failsafe report, for whoever reads a failure
    assertThat(code).as(console).isEqualTo(KrakoCommand.OK);

    Path json = only(out, ".json");
    String table = Files.readString(only(out, ".txt"));
    assertThat(table).startsWith("Krako bench ").contains("Targets (issue 8)");
    assertThat(console).as("the table is also printed").contains(table.strip());
    assertThat(ImageIO.read(only(out, ".png").toFile())).isNotNull();

    JsonNode report = new ObjectMapper().readTree(json.toFile());
    assertThat(report.path("machine").path("availableProcessors").asInt()).isPositive();
    assertThat(report.path("plan").path("partitions").asInt()).isEqualTo(3);
    assertThat(report.path("rawBroker").path("recordBytes").asInt()).isPositive();
    assertThat(report.path("rawBroker").path("producerToConsumerPerSec").path("median").asDouble())
        .isPositive();
    JsonNode floor = report.path("contractFloor");
    assertThat(floor.path("failedRuns").asInt()).as(console).isZero();
    assertThat(floor.path("runs"))
        .extracting(r -> r.path("route").asText())
        .containsExactly("DIRECT", "ONE_STREAMS_HOP", "KRAKO_HOPS");
    for (JsonNode floorRun : floor.path("runs")) {
      // 20,000 records / 6: 3,333 units, every record read back by every reader (on Krako's hops,
      // every unit billed and every event read by trust, or the run would have failed).
      assertThat(floorRun.path("workUnits").asLong()).isEqualTo(3_333);
      assertThat(floorRun.path("readsPerUnit").asInt())
          .isEqualTo(floorRun.path("route").asText().equals("KRAKO_HOPS") ? 11 : 13);
      assertThat(floorRun.path("transactions").asLong()).isPositive();
      assertThat(floorRun.path("workUnitsPerSec").asDouble()).isPositive();
      assertThat(floorRun.path("usage").path("machineBusyCores").asDouble()).isPositive();
    }
    assertThat(report.path("warmup").path("published").asLong()).isPositive();
    assertThat(report.path("warmupDetail").path("windows")).as("2 s windows for 4 s").hasSize(2);
    assertThat(report.path("search").path("fixedByOption").asBoolean()).isTrue();
    JsonNode levels = report.path("levels");
    assertThat(levels).extracting(l -> l.path("percent").asInt()).containsExactly(50, 100);
    for (JsonNode level : levels) {
      JsonNode rep = level.path("repetitions").get(0);
      assertThat(rep.path("published").asLong()).as(level.toString()).isPositive();
      assertThat(rep.path("unfinished").asLong()).as("every session finished").isZero();
      assertThat(rep.path("rejected").asLong()).as("ingress accepted every graph").isZero();
      assertThat(rep.path("failedSessions").asLong()).as("every session succeeded").isZero();
      assertThat(rep.path("latency").path("p50Ms").isNumber()).isTrue();
      assertThat(level.path("p99Ms").path("median").isNumber()).isTrue();
      assertThat(level.path("cpuCores").fieldNames())
          .toIterable()
          .contains(ProcessUsage.KRAKO, ProcessUsage.GENERATOR, ProcessUsage.BROKER);
      // The broker's own request counters, read over JMX from its JVM: every step makes requests
      // and commits transactions.
      JsonNode requests =
          level.path("repetitions").get(0).path("usage").path("brokerRequestsPerSec");
      assertThat(requests.path("Produce").asDouble()).as(requests.toString()).isPositive();
      assertThat(requests.path("EndTxn").asDouble()).as(requests.toString()).isPositive();
      assertThat(level.path("brokerRequestsPerWorkUnit").path("median").asDouble()).isPositive();
      assertThat(level.path("transactionsPerWorkUnit").path("median").asDouble()).isPositive();
    }
    JsonNode headline = report.path("headline");
    for (String field :
        List.of(
            "sessionsPerSec",
            "workUnitsCompletedPerSec",
            "workUnitsBilledPerSec",
            "rawBrokerRecordsPerSec",
            "ratioToRawBrokerPercent")) {
      assertThat(headline.path(field).isNumber()).as(field).isTrue();
    }
    assertThat(report.path("targets")).hasSize(5);
    JsonNode appends = report.path("appends");
    assertThat(appends.path("workUnitsCompleted").asLong()).isPositive();
    // At least a dispatch, a claim, a completion and their transaction markers per unit.
    assertThat(appends.path("perUnit").asDouble()).isGreaterThan(4);
    assertThat(appends.path("topics"))
        .extracting(t -> t.path("topic").asText())
        .contains("krako.events")
        .noneMatch(t -> t.startsWith("contract-floor-") || t.startsWith("raw-broker-"));
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      assertThat(admin.listTopics().names().get())
          .as("the floor's Streams applications delete their changelogs")
          .noneMatch(t -> t.startsWith(ProcessStats.BENCH_THREADS));
      assertThat(admin.listGroups().all().get())
          .extracting(g -> g.groupId())
          .as("the floor through Krako's hops deletes its groups")
          .noneMatch(g -> g.startsWith(ProcessStats.BENCH_THREADS) && g.contains("krako-hops"));
    }
    assertThat(console)
        .contains("Through Krako's own hops")
        .contains("Targets (issue 8)")
        .contains("Raw broker:")
        .contains("Contract floor in this run:");
  }

  private static Path only(Path dir, String suffix) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> found = files.filter(p -> p.toString().endsWith(suffix)).toList();
      assertThat(found).as(suffix).hasSize(1);
      return found.get(0);
    }
  }
}
