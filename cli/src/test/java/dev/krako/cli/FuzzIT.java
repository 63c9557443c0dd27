package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.cli.fuzz.FuzzReport;
import dev.krako.cli.fuzz.FuzzRun;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.topics.TopicNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9's fuzzer against a live Krako on the real broker: 10,000 hostile graph records (and good
 * ones among and after them) plus undecodable records on every internal topic that Krako reads.
 * Every graph record meets exactly one fate, every garbage record is dead-lettered once by each
 * component that reads its topic, good traffic completes, and no component fails.
 *
 * <p>The seed is {@code -Dkrako.fuzz.seed} (default fixed), so CI can run it again with another.
 */
@ExtendWith(KafkaBrokerExtension.class)
class FuzzIT {

  private static final long SEED = Long.getLong("krako.fuzz.seed", 20261127L);

  @TempDir Path dir;

  @Test
  void everyHostileRecordMeetsItsFateAndKrakoKeepsWorking(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, dir.resolve("state"))) {
      TopicNames n = run.topics.names();
      Map<String, List<String>> consumers = new LinkedHashMap<>(FuzzCommand.standardConsumers(n));
      FuzzReport report =
          new FuzzRun(
                  new FuzzRun.Settings(
                      broker.bootstrapServers(),
                      run.topics,
                      SEED,
                      "it",
                      10_000,
                      20,
                      // One good graph per 200 hostile ones, and never two within a second: the
                      // storm is published in about 10 s, and its 50 good graphs at once would be
                      // past the throttled admission rate (2/s per tenant, docs/capacity.md) that
                      // the hostile tenant's backlog may impose on everyone.
                      200,
                      10,
                      Duration.ofSeconds(1),
                      consumers,
                      Duration.ofMinutes(4),
                      Map.of()),
                  System.out::println)
              .run();
      report.print(System.out);

      assertThat(report.problems()).as("records whose fate was not met").isEmpty();
      assertThat(report.hostileRecords()).isGreaterThanOrEqualTo(10_000);
      assertThat(report.garbageRecords()).isEqualTo(20 * consumers.size());
      assertThat(report.categories()).containsKeys("ten_megabytes", "deep_nesting", "cycle");
      // Another tenant's good graphs get through the hostile tenant's flood (per-tenant admission
      // rates, docs/capacity.md). Admission may still refuse a few if the backlog throttles
      // everyone: then each has its admission_rejected answer, but nine in ten must complete.
      int good = 0;
      int completed = 0;
      int refused = 0;
      for (var e : report.categories().entrySet()) {
        if (e.getKey().startsWith("good_")) {
          good += e.getValue().sent();
          completed += e.getValue().completed();
          refused += e.getValue().refused();
        }
      }
      assertThat(completed)
          .as("good graphs completed of %d (%d refused at admission)", good, refused)
          .isGreaterThanOrEqualTo(good * 9 / 10);
      assertThat(run.system.failure()).as("no component failed").isNotDone();
    }
  }
}
