package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.avro.UnitTelemetry;
import dev.krako.cli.bench.EndOffsets;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures broker appends per WorkUnit (docs/performance-appends.md): a fixed small workload runs
 * through one whole Krako on the real broker; once every session has its result and the topics have
 * stopped growing, the end offsets of every topic of the run (internal ones included) are summed
 * and divided by the completed units. End offsets count transaction markers too, so the figure is
 * log appends, not records; the committed records of each topic are counted beside them. It prints
 * the breakdown and writes it to {@code target/appends-per-unit.txt}; it fails only if the workload
 * itself does not complete.
 *
 * <p>A measurement, not a test: its name matches neither surefire's nor failsafe's includes, so the
 * suite never runs it; run it by name with {@code -Dit.test=AppendsPerUnitMeasurement}.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AppendsPerUnitMeasurement {

  private static final Duration PATIENCE = Duration.ofSeconds(120);

  /** Topics have stopped growing when two reads this far apart agree. */
  private static final Duration QUIET = Duration.ofSeconds(3);

  private static final int CHAINS = 8;
  private static final int MODEL_GRAPHS = 2;

  @TempDir Path stateDir;

  @Test
  void countsTheAppendsOfAFixedWorkload(LocalKafkaBroker broker, KafkaTestNames names)
      throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, stateDir);
        Admin admin = Admin.create(broker.adminClientConfig())) {
      for (int i = 0; i < CHAINS; i++) {
        run.submit(Graphs.chain("g-chain-" + i, "req-chain-" + i));
      }
      run.submit(Graphs.flaky("g-flaky", 0));
      for (int i = 0; i < MODEL_GRAPHS; i++) {
        run.submit(Graphs.model("g-model-" + i));
      }
      int sessions = CHAINS + 1 + MODEL_GRAPHS;
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return run.results.size() >= sessions;
              });
      assertThat(run.results)
          .extracting(SessionResult::getStopReason)
          .containsOnly(StopReason.success);
      long units =
          run.results.stream()
              .flatMap(r -> r.getTelemetry().getUnits().stream())
              .map(UnitTelemetry::getStatus)
              .filter("completed"::equals)
              .count();
      assertThat(units).isEqualTo(2L * CHAINS + 1 + MODEL_GRAPHS);

      Map<String, Long> offsets = awaitQuiet(admin, run.prefix);
      Map<String, Long> records = committedRecords(broker, run.prefix, offsets.keySet());
      String report = report(offsets, records, run.prefix, units);
      System.out.println(report);
      Files.writeString(Path.of("target", "appends-per-unit.txt"), report);
    }
  }

  /** The end offsets of the run's topics, once two reads {@link #QUIET} apart agree. */
  private static Map<String, Long> awaitQuiet(Admin admin, String prefix) {
    AtomicReference<Map<String, Long>> last = new AtomicReference<>(Map.of());
    return await()
        .atMost(PATIENCE)
        .pollInterval(QUIET)
        .until(
            () -> {
              Map<String, Long> now = endOffsets(admin, prefix);
              return now.equals(last.getAndSet(now)) ? now : null;
            },
            now -> now != null);
  }

  private static Map<String, Long> endOffsets(Admin admin, String prefix) throws Exception {
    return EndOffsets.byTopic(admin, prefix);
  }

  /**
   * The committed records of each topic (read_committed, from the start to the end offsets): the
   * appends less the transaction markers and the records of aborted transactions.
   */
  private static Map<String, Long> committedRecords(
      LocalKafkaBroker broker, String prefix, Set<String> topics) {
    Map<String, Object> config = new HashMap<>(broker.adminClientConfig());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    Map<String, Long> counts = new TreeMap<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      for (String topic : topics) {
        List<TopicPartition> partitions =
            consumer.partitionsFor(prefix + topic).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        long n = 0;
        while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
          n += consumer.poll(Duration.ofMillis(200)).count();
        }
        counts.put(topic, n);
      }
    }
    return counts;
  }

  private static String report(
      Map<String, Long> offsets, Map<String, Long> records, String prefix, long units) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format("Appends per WorkUnit, %d completed units (prefix %s)%n", units, prefix));
    out.append(String.format("  %-70s %7s %7s%n", "topic", "appends", "records"));
    Map<String, Long> byPart = new TreeMap<>();
    offsets.forEach(
        (topic, n) -> {
          out.append(String.format("  %-70s %7d %7d%n", topic, n, records.get(topic)));
          byPart.merge(part(topic), n, Long::sum);
        });
    long total = offsets.values().stream().mapToLong(Long::longValue).sum();
    byPart.forEach(
        (part, n) ->
            out.append(
                String.format("%-16s %6d appends  %6.1f per unit%n", part, n, (double) n / units)));
    out.append(
        String.format(
            "%-16s %6d appends  %6.1f per unit%n", "total", total, (double) total / units));
    return out.toString();
  }

  /** The application whose internal topic it is, or the shared topic itself. */
  private static String part(String topic) {
    int dash = topic.indexOf('-', "krako-".length());
    return topic.startsWith("krako-") && dash > 0 ? topic.substring(0, dash) : topic;
  }
}
