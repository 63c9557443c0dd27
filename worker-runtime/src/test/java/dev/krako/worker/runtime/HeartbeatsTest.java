package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Substrate;
import dev.krako.avro.VerificationMode;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitHeartbeat;
import dev.krako.avro.WorkUnitType;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.worker.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A node's heartbeats: one per unit in flight and beat, for exactly the units it holds. */
class HeartbeatsTest {

  private static final KrakoTopics TOPICS = new KrakoTopics(TopicNames.defaults());

  private final MutableClock clock = MutableClock.startingAt2026();
  private final MockProducer<String, byte[]> producer =
      new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final Heartbeats heartbeats =
      new Heartbeats(
          new WorkerSettings(
              "unused:9092", TOPICS, Substrate.cpu, "cpu", "cpu-1", 2, Duration.ofMillis(100)),
          clock,
          producer);

  @AfterEach
  void close() {
    heartbeats.close();
  }

  @Test
  void eachBeatRenewsEveryUnitInFlightAndNothingElse() {
    WorkUnitDispatch plain = dispatch("s-1", "a", 0, 1);
    WorkUnitDispatch replica = dispatch("s-2", "b", 1, 3);
    heartbeats.hold(plain);
    heartbeats.hold(replica);

    heartbeats.beat();

    assertThat(producer.history())
        .extracting(ProducerRecord::topic)
        .containsOnly(TOPICS.heartbeats().name());
    assertThat(sent())
        .containsExactlyInAnyOrder(
            new WorkUnitHeartbeat("s-1", "a", 0, null, "cpu-1", clock.instant(), false),
            new WorkUnitHeartbeat("s-2", "b", 1, 2, "cpu-1", clock.instant(), false));
    assertThat(producer.history()).extracting(ProducerRecord::key).contains("s-1", "s-2");

    producer.clear();
    heartbeats.release(plain);
    clock.advance(Duration.ofSeconds(2));
    heartbeats.beat();

    assertThat(sent())
        .containsExactly(new WorkUnitHeartbeat("s-2", "b", 1, 2, "cpu-1", clock.instant(), false));
  }

  @Test
  void aNodeWithNothingInFlightSendsNothing() {
    heartbeats.beat();

    assertThat(producer.history()).isEmpty();
  }

  private List<WorkUnitHeartbeat> sent() {
    return producer.history().stream()
        .map(r -> TOPICS.heartbeats().valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .toList();
  }

  /** Replica 2 of {@code replicas} when there are several, else an unreplicated attempt. */
  private static WorkUnitDispatch dispatch(String session, String unit, int attempt, int replicas) {
    return WorkUnitDispatch.newBuilder()
        .setSessionId(session)
        .setTenantId("t")
        .setGraphId("g")
        .setWorkUnitId(unit)
        .setAttemptIndex(attempt)
        .setType(WorkUnitType.deterministic)
        .setSubstrate(Substrate.cpu)
        .setRunJson("{\"handler\":\"echo\"}")
        .setInputJson("{}")
        .setDependencyIds(List.of())
        .setDependencyOutputs(Map.of())
        .setIdempotent(false)
        .setVerificationMode(replicas > 1 ? VerificationMode.quorum : VerificationMode.none)
        .setDispatchedAt(Instant.EPOCH)
        .setReplicaIndex(replicas > 1 ? 2 : 0)
        .setReplicaCount(replicas)
        .build();
  }
}
