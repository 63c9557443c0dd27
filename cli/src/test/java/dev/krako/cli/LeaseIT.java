package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.avro.WorkUnitHeartbeat;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.query.ApiKeys;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Leases on the real broker (docs/adr/016-heartbeats-and-leases.md): two CPU worker processes
 * ({@code krako serve}, each its own JVM) and ingress plus orchestration in this JVM. The one unit
 * holds its worker for 20 s (two leases) and has a 10-minute run timeout. The node that claims it
 * is killed with SIGKILL once it has sent a heartbeat; its heartbeats stop, its lease (10 s)
 * expires, and the second attempt runs on the other node, whose heartbeats keep it for the whole 20
 * s: the session succeeds in two attempts, minutes before the run timeout could have fired.
 */
@ExtendWith(KafkaBrokerExtension.class)
class LeaseIT {

  /** Far below the unit's 10-minute run timeout: only the lease can retry the attempt in time. */
  private static final Duration PATIENCE = Duration.ofMinutes(3);

  private static final Path LOGS = Path.of("target", "lease-it");

  @TempDir Path dir;
  private final List<ServeProcess> processes = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final List<WorkUnitHeartbeat> heartbeats = new ArrayList<>();
  private final List<SessionResult> results = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() throws InterruptedException {
    for (ServeProcess p : processes) {
      p.close();
    }
  }

  @Test
  void aKilledWorkersUnitRunsAgainOnAnotherNodeWithinALeaseNotARunTimeout(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    Files.createDirectories(LOGS);
    String prefix = names.topic("lease") + ".";
    TopicNames topicNames = TopicNames.defaults().withPrefix(prefix);
    KrakoTopics topics = new KrakoTopics(topicNames);
    broker.createTopics(KrakoTopicSpecs.all(topicNames, 2));
    Path clientConfig = dir.resolve("client.properties");
    // A dead worker leaves its group after 6 s (the broker's minimum), not 45 s, so that its
    // dispatch partition has moved to the other node by the time its lease expires.
    Files.writeString(clientConfig, "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");

    try (KrakoSystem krako =
            KrakoSystem.start(topologies(broker, topicNames, prefix, dir.resolve("topologies")));
        GraphSubmitter submitter =
            new GraphSubmitter(broker.bootstrapServers(), topicNames.taskGraphs());
        KafkaConsumer<String, byte[]> reader = reader(broker, topicNames)) {
      for (String node : List.of("cpu-1", "cpu-2")) {
        processes.add(
            ServeProcess.start(
                node,
                LOGS,
                List.of(
                    "--bootstrap-servers",
                    broker.bootstrapServers(),
                    "--kafka-config",
                    clientConfig.toString(),
                    "--topic-prefix",
                    prefix,
                    "--worker-loops",
                    "1",
                    "--components",
                    "cpu-pool",
                    "--instance-id",
                    node,
                    "--state-dir",
                    dir.resolve(node).toString())));
      }
      for (ServeProcess p : processes) {
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofMillis(200))
            .failFast(p + " exited", () -> !p.isAlive())
            .until(p::ready);
      }

      submitter.submit(graph().getBytes(StandardCharsets.UTF_8));
      WorkUnitHeartbeat first =
          await()
              .atMost(PATIENCE)
              .until(() -> firstHeartbeat(reader, topics, 0), java.util.Objects::nonNull);
      String lostNode = first.getNodeId().toString();
      ServeProcess victim = processes.get(lostNode.startsWith("cpu-1") ? 0 : 1);
      victim.kill();

      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                poll(reader, topics);
                return !results.isEmpty();
              });

      SessionResult result = results.get(0);
      assertThat(result.getStopReason()).isEqualTo(StopReason.success);
      assertThat(result.getTelemetry().getUnits().get(0).getAttempts()).isEqualTo(2);
      List<Event> claims =
          events.stream().filter(e -> EventTypes.UNIT_CLAIMED.equals(e.getEventType())).toList();
      assertThat(claims).extracting(Event::getAttemptIndex).containsExactly(0, 1);
      assertThat(claims.get(0).getSource().getId().toString()).isEqualTo(lostNode);
      assertThat(claims.get(1).getSource().getId().toString()).isNotEqualTo(lostNode);
      assertThat(events)
          .filteredOn(e -> EventTypes.UNIT_RETRY_SCHEDULED.equals(e.getEventType()))
          .extracting(Event::getAttemptIndex)
          .containsExactly(0);
      assertThat(events)
          .as("the killed attempt reported nothing")
          .filteredOn(e -> e.getAttemptIndex() == 0)
          .extracting(Event::getEventType)
          .doesNotContain(EventTypes.UNIT_COMPLETED, EventTypes.UNIT_FAILED);
      assertThat(heartbeats)
          .as("the second attempt was renewed past its first lease")
          .filteredOn(h -> h.getAttemptIndex() == 1)
          .hasSizeGreaterThan(5);
      assertThat(krako.failure()).isNotDone();
    }
  }

  private WorkUnitHeartbeat firstHeartbeat(
      KafkaConsumer<String, byte[]> reader, KrakoTopics topics, int attempt) {
    poll(reader, topics);
    return heartbeats.stream().filter(h -> h.getAttemptIndex() == attempt).findFirst().orElse(null);
  }

  /** One unit held 20 s on its worker, two attempts, a 10-minute run timeout, not idempotent. */
  private static String graph() {
    return "{\"schema_version\":\"1.0\",\"graph_id\":\"g-lease\",\"request_id\":\"req-lease\","
        + "\"tenant_id\":\"tenant-it\",\"created_at\":\"2026-11-27T00:00:00Z\","
        + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":2,\"max_tokens\":0,"
        + "\"max_latency_ms\":900000},\"work_units\":["
        + "{\"id\":\"long\",\"type\":\"deterministic\",\"input\":{\"message\":\"hi\"},"
        + "\"run\":{\"handler\":\"slow_echo\",\"args\":{\"delay_ms\":20000}},"
        + "\"idempotent\":false,\"retries\":{\"max_attempts\":2,\"backoff_ms\":0},"
        + "\"timeouts\":{\"run_timeout_ms\":600000}}]}";
  }

  /** Ingress and orchestration in this JVM, as a topology process runs them; no worker here. */
  private static KrakoSystem.Settings topologies(
      LocalKafkaBroker broker, TopicNames topicNames, String prefix, Path stateDir) {
    return new KrakoSystem.Settings(
        broker.bootstrapServers(),
        Map.of(),
        topicNames,
        EnumSet.of(Component.INGRESS, Component.ORCHESTRATION),
        prefix,
        prefix + "instance-0",
        stateDir,
        "127.0.0.1",
        0,
        "127.0.0.1",
        ApiKeys.none(),
        new KrakoSystem.Workers(prefix + "unused", 1, 1, null, null));
  }

  private static KafkaConsumer<String, byte[]> reader(
      LocalKafkaBroker broker, TopicNames topicNames) {
    KafkaConsumer<String, byte[]> reader =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    reader.subscribe(List.of(topicNames.events(), topicNames.results(), topicNames.heartbeats()));
    return reader;
  }

  private void poll(KafkaConsumer<String, byte[]> reader, KrakoTopics topics) {
    for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(50))) {
      if (r.topic().equals(topics.events().name())) {
        Event e = topics.events().valueSerde().deserializer().deserialize(r.topic(), r.value());
        if (e.getWorkUnitId() != null) { // unit events only: node health is not under test
          events.add(e);
        }
      } else if (r.topic().equals(topics.heartbeats().name())) {
        heartbeats.add(
            topics.heartbeats().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      } else {
        results.add(topics.results().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      }
    }
  }
}
