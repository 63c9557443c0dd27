package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.NodeTrust;
import dev.krako.avro.ReplicaVote;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.events.EventTypes;
import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.streams.StreamsRunner;
import dev.krako.streams.StreamsSettings;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.topology.codec.GraphCodec;
import dev.krako.topology.orchestration.OrchestrationConfig;
import dev.krako.topology.orchestration.OrchestrationTopology;
import dev.krako.topology.trust.TrustConfig;
import dev.krako.topology.trust.TrustTopology;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.VerifyingExecutor;
import dev.krako.worker.handler.HandlerRegistry;
import dev.krako.worker.runtime.WorkerPool;
import dev.krako.worker.runtime.WorkerSettings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quorum and recompute on the real broker: the orchestration and trust applications and three CPU
 * worker nodes, one of which returns a wrong output for every unit. The majority wins and the odd
 * node's trust drops; with the odd node and one honest node left, a recompute disagrees and fails
 * with RECOMPUTE_MISMATCH, and a quorum of three cannot find three distinct nodes.
 */
@ExtendWith(KafkaBrokerExtension.class)
class VerificationIT {

  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final String ODD_OUTPUT = "{\"odd\":true}";

  @TempDir Path stateDir;

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final List<Event> events = new ArrayList<>();
  private final Map<String, SessionResult> results = new HashMap<>();
  private final Map<String, NodeTrust> trust = new HashMap<>();

  @AfterEach
  void stop() throws Exception {
    while (!started.isEmpty()) {
      started.pop().close();
    }
  }

  @Test
  void theMajorityWinsTheOddNodeLosesTrustAndAPairThatDisagreesFails(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    String prefix = names.topic("v") + ".";
    TopicNames topicNames = TopicNames.defaults().withPrefix(prefix);
    KrakoTopics topics = new KrakoTopics(topicNames);
    broker.createTopics(KrakoTopicSpecs.all(topicNames, 3));
    runner(
        broker,
        prefix,
        topics,
        "orchestration",
        OrchestrationTopology.build(OrchestrationConfig.defaults(topics, prefix + "o")));
    runner(broker, prefix, topics, "trust", TrustTopology.build(TrustConfig.defaults(topics)));
    UnitExecutor honest =
        VerifyingExecutor.forCpuPool(HandlerRegistry.koraDefaults(), System::nanoTime);
    UnitExecutor odd =
        task -> {
          Outcome outcome = honest.execute(task);
          return outcome instanceof Outcome.Completed done
              ? new Outcome.Completed(ODD_OUTPUT, done.usage(), done.modelCalls())
              : outcome;
        };
    WorkerPool n1 = node(broker, prefix, topics, "n-1", honest);
    WorkerPool n2 = node(broker, prefix, topics, "n-2", honest);
    WorkerPool nOdd = node(broker, prefix, topics, "n-odd", odd);
    for (WorkerPool pool : List.of(n1, n2, nOdd)) {
      pool.awaitReady(PATIENCE);
    }
    KafkaConsumer<String, byte[]> reader = reader(broker, topicNames);
    started.push(reader);

    admit(broker, topics, "s-quorum", "quorum");
    // The verdict is on krako.events, the result on its own topic: a poll may bring one first.
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                poll(reader, topics) && results.containsKey("s-quorum") && hasVerdict("s-quorum"));

    SessionResult quorum = results.get("s-quorum");
    assertThat(quorum.getStopReason()).isEqualTo(StopReason.success);
    assertThat(quorum.getFinalOutputJson()).doesNotContain("odd");
    Event verdict = verdictOf("s-quorum");
    assertThat(verdict.getEventType()).isEqualTo(EventTypes.UNIT_COMPLETED);
    assertThat(verdict.getVerification().getReplicas())
        .extracting(ReplicaVote::getNodeId)
        .containsExactlyInAnyOrder("n-1", "n-2", "n-odd");
    assertThat(verdict.getVerification().getReplicas())
        .filteredOn(v -> v.getNodeId().equals("n-odd"))
        .extracting(ReplicaVote::getVote)
        .containsExactly("disagreed");
    assertThat(outcomesOf("s-quorum")).as("one terminal outcome for the attempt").hasSize(1);
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                poll(reader, topics)
                    && trust.containsKey("n-odd")
                    && trust.get("n-odd").getVerificationDisagreements() == 1
                    && trust.containsKey("n-1")
                    && trust.get("n-1").getVerificationAgreements() == 1);
    assertThat(new java.math.BigDecimal(trust.get("n-odd").getScore()))
        .isLessThan(new java.math.BigDecimal(trust.get("n-1").getScore()));

    // One honest node leaves: the odd node and n-1 are all the pool has.
    started.remove(n2);
    n2.close();
    admit(broker, topics, "s-recompute", "recompute");
    admit(broker, topics, "s-short", "quorum");
    await()
        .atMost(PATIENCE)
        .until(
            () ->
                poll(reader, topics)
                    && results.containsKey("s-recompute")
                    && results.containsKey("s-short")
                    && hasVerdict("s-recompute")
                    && hasVerdict("s-short"));

    assertThat(results.get("s-recompute").getStopReason()).isEqualTo(StopReason.retry_exhausted);
    assertThat(((WorkUnitFailed) verdictOf("s-recompute").getPayload()).getErrorCode())
        .isEqualTo("RECOMPUTE_MISMATCH");
    assertThat(results.get("s-short").getStopReason()).isEqualTo(StopReason.retry_exhausted);
    assertThat(((WorkUnitFailed) verdictOf("s-short").getPayload()).getErrorCode())
        .isEqualTo("NO_DISTINCT_NODE");
  }

  private boolean hasVerdict(String session) {
    return events.stream()
        .anyMatch(e -> session.equals(e.getSessionId()) && e.getVerification() != null);
  }

  private Event verdictOf(String session) {
    return events.stream()
        .filter(e -> session.equals(e.getSessionId()) && e.getVerification() != null)
        .findFirst()
        .orElseThrow();
  }

  private List<Event> outcomesOf(String session) {
    return events.stream()
        .filter(e -> session.equals(e.getSessionId()) && e.getReplicaIndex() == null)
        .filter(
            e ->
                e.getEventType().equals(EventTypes.UNIT_COMPLETED)
                    || e.getEventType().equals(EventTypes.UNIT_FAILED))
        .toList();
  }

  private void runner(
      LocalKafkaBroker broker,
      String prefix,
      KrakoTopics topics,
      String name,
      org.apache.kafka.streams.Topology topology)
      throws InterruptedException {
    StreamsRunner runner =
        new StreamsRunner(
            name,
            topology,
            new StreamsSettings(
                prefix + "krako-" + name,
                broker.bootstrapServers(),
                stateDir.resolve(name),
                topics.names().deadLetter(),
                name,
                Map.of()));
    started.push(runner);
    runner.start(PATIENCE);
  }

  private WorkerPool node(
      LocalKafkaBroker broker,
      String prefix,
      KrakoTopics topics,
      String nodeId,
      UnitExecutor executor) {
    WorkerSettings settings =
        new WorkerSettings(
            broker.bootstrapServers(),
            topics,
            Substrate.cpu,
            prefix + "cpu",
            nodeId,
            1,
            Duration.ofMillis(100));
    WorkerPool pool = WorkerPool.start(settings, executor, Clock.systemUTC());
    started.push(pool);
    return pool;
  }

  private static void admit(
      LocalKafkaBroker broker, KrakoTopics topics, String session, String mode) throws Exception {
    String json =
        "{\"schema_version\":\"1.0\",\"graph_id\":\"g-"
            + session
            + "\",\"request_id\":\"r-"
            + session
            + "\",\"tenant_id\":\"tenant-it\",\"created_at\":\"2026-01-01T00:00:00Z\","
            + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":9,\"max_tokens\":0,"
            + "\"max_latency_ms\":120000},\"work_units\":[{\"id\":\"a\",\"type\":\"deterministic\","
            + "\"input\":{\"message\":\"hello\"},\"run\":{\"handler\":\"echo\"},"
            + "\"verification_mode\":\""
            + mode
            + "\"}]}";
    ParseOutcome outcome =
        new GraphParser(IngressLimits.defaults()).parse(json.getBytes(StandardCharsets.UTF_8));
    SessionAdmitted admitted =
        new SessionAdmitted(
            session, Instant.now(), GraphCodec.toAvro(((ParseOutcome.Accepted) outcome).graph()));
    try (KafkaProducer<String, SessionAdmitted> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            topics.admitted().keySerde().serializer(),
            topics.admitted().valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topics.admitted().name(), session, admitted)).get();
    }
  }

  private static KafkaConsumer<String, byte[]> reader(LocalKafkaBroker broker, TopicNames names) {
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
    reader.subscribe(List.of(names.events(), names.results(), names.nodesTrust()));
    return reader;
  }

  /** Reads what arrived; always true, so that it can lead an await condition. */
  private boolean poll(KafkaConsumer<String, byte[]> reader, KrakoTopics topics) {
    for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
      if (r.topic().equals(topics.events().name())) {
        events.add(topics.events().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      } else if (r.topic().equals(topics.results().name())) {
        SessionResult result =
            topics.results().valueSerde().deserializer().deserialize(r.topic(), r.value());
        results.put(result.getSessionId(), result);
      } else {
        trust.put(
            r.key(),
            topics.nodesTrust().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      }
    }
    return true;
  }
}
