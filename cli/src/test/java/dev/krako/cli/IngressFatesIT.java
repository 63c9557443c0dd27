package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionResult;
import dev.krako.avro.Violation;
import dev.krako.events.EventIds;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A stream that mixes good graphs, duplicates and garbage through the real ingress: every record
 * has exactly one fate (a session, a rejection with the right code, or a duplicate answer naming
 * the existing session), the application stays up, and the one-session rule survives a restart that
 * restores the stores from their changelogs.
 */
@ExtendWith(KafkaBrokerExtension.class)
class IngressFatesIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path dir;

  @Test
  void everyRecordMeetsExactlyItsFate(LocalKafkaBroker broker, KafkaTestNames names)
      throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, dir.resolve("state-1"));
        KafkaProducer<byte[], byte[]> producer = rawProducer(broker)) {
      Map<String, String> fateByCoordinates = new LinkedHashMap<>();
      List<String> goodGraphs = new ArrayList<>();
      Random random = new Random(42);
      int good = 0;
      for (int i = 0; i < 60; i++) {
        byte[] record;
        String fate;
        switch (i % 6) {
          case 0, 1 -> {
            String id = "good-" + good++;
            goodGraphs.add(id);
            record = Graphs.chain(id, "req-" + id).getBytes(StandardCharsets.UTF_8);
            fate = "session";
          }
          case 2 -> {
            String original = goodGraphs.get(random.nextInt(goodGraphs.size()));
            record = Graphs.chain("dup-" + i, "req-" + original).getBytes(StandardCharsets.UTF_8);
            fate = "DUPLICATE_REQUEST";
          }
          case 3 -> {
            record = new byte[1 + random.nextInt(200)];
            random.nextBytes(record);
            record[0] = (byte) 0xFF; // never valid UTF-8, never JSON
            fate = "MALFORMED_JSON";
          }
          case 4 -> {
            record = (i % 12 == 4 ? "[1,2,3]" : "42").getBytes(StandardCharsets.UTF_8);
            fate = "NOT_AN_OBJECT";
          }
          default -> {
            record = ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(StandardCharsets.UTF_8);
            fate = "TOO_LARGE";
          }
        }
        RecordMetadata at =
            producer.send(new ProducerRecord<>(run.topics.names().taskGraphs(), record)).get();
        fateByCoordinates.put(at.partition() + "@" + at.offset(), fate);
      }
      byte[] huge =
          ("{\"pad\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
      RecordMetadata hugeAt =
          producer.send(new ProducerRecord<>(run.topics.names().taskGraphs(), huge)).get();
      fateByCoordinates.put(hugeAt.partition() + "@" + hugeAt.offset(), "TOO_LARGE");

      long sessions = fateByCoordinates.values().stream().filter("session"::equals).count();
      int rejections = fateByCoordinates.size() - (int) sessions;
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return run.results.size() >= sessions && run.rejections.size() >= rejections;
              });
      run.poll();

      assertThat(run.results)
          .extracting(SessionResult::getGraphId)
          .containsExactlyInAnyOrderElementsOf(goodGraphs);
      Map<String, String> actual = new LinkedHashMap<>();
      for (GraphRejected r : run.rejections) {
        actual.put(
            r.getSourcePartition() + "@" + r.getSourceOffset(), r.getViolations().get(0).getCode());
        if (r.getExistingSessionId() != null) {
          assertThat(r.getExistingSessionId())
              .isEqualTo(EventIds.sessionId("tenant-it", r.getRequestId()));
        }
      }
      fateByCoordinates.forEach(
          (coordinates, fate) -> {
            if (!fate.equals("session")) {
              assertThat(actual)
                  .as("the fate of the record at %s", coordinates)
                  .containsEntry(coordinates, fate);
            }
          });
      assertThat(run.rejections).hasSize(rejections);
      assertThat(run.system.failure()).isNotDone();
    }
  }

  @Test
  void theOneSessionRuleSurvivesARestartFromTheChangelog(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, dir.resolve("state-a"))) {
      run.submit(Graphs.chain("before-restart", "req-restart"));
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return run.results.size() == 1;
              });

      run.restart(dir.resolve("state-b"));
      run.submit(Graphs.chain("after-restart", "req-restart"));
      run.submit(Graphs.chain("new-after-restart", "req-new"));

      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return run.results.size() == 2 && run.rejections.size() == 1;
              });
      GraphRejected duplicate = run.rejections.get(0);
      assertThat(duplicate.getGraphId()).isEqualTo("after-restart");
      assertThat(duplicate.getViolations())
          .extracting(Violation::getCode)
          .containsExactly("DUPLICATE_REQUEST");
      assertThat(duplicate.getExistingSessionId())
          .isEqualTo(EventIds.sessionId("tenant-it", "req-restart"));
      assertThat(run.results)
          .extracting(SessionResult::getGraphId)
          .containsExactly("before-restart", "new-after-restart");
    }
  }

  private static KafkaProducer<byte[], byte[]> rawProducer(LocalKafkaBroker broker) {
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG,
            KrakoTopicSpecs.GRAPH_TOPIC_MAX_MESSAGE_BYTES),
        new ByteArraySerializer(),
        new ByteArraySerializer());
  }
}
