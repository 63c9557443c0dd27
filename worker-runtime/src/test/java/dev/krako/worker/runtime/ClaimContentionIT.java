package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.Substrate;
import dev.krako.avro.VerificationMode;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitType;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.topics.KrakoTopics;
import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.UnitTask;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Claim contention against the real broker: several worker nodes race for the same dispatch topic,
 * nodes join and leave (rebalances), and a node is stalled past its poll interval (a zombie) and
 * then comes back. An external witness counts executions: every dispatched attempt runs exactly
 * once, and each reports exactly one outcome.
 */
@ExtendWith(KafkaBrokerExtension.class)
class ClaimContentionIT {

  private static final int UNITS = 120;

  /** One unit per loop (the default), and batches of up to eight claimed in one transaction. */
  @ParameterizedTest(name = "claim window {0}")
  @ValueSource(ints = {1, 8})
  void everyAttemptRunsExactlyOnceThroughRebalancesAndAZombie(
      int claimWindow, LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    KrakoTopics topics = WorkerTopics.create(broker, names.topic("claims"), Substrate.cpu, 6);
    Witness witness = new Witness("unit-7");
    WorkerSettings settings =
        new WorkerSettings(
                broker.bootstrapServers(),
                topics,
                Substrate.cpu,
                names.groupId("pool"),
                "node-a",
                1,
                Duration.ofMillis(100),
                // A node that stalls for more than 6 s is out of the group: its claims become a
                // zombie's.
                Map.of(
                    ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
                    6_000,
                    ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG,
                    6_000))
            .withClaimWindow(claimWindow);
    List<WorkerPool> pools = new ArrayList<>();
    pools.add(WorkerPool.start(settings, witness, Clock.systemUTC()));
    publish(broker, topics, 0, UNITS / 2);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> witness.stalled.getCount() == 0 || witness.total() > 10);
    pools.add(WorkerPool.start(withNode(settings, "node-b"), witness, Clock.systemUTC()));
    pools.add(WorkerPool.start(withNode(settings, "node-c"), witness, Clock.systemUTC()));
    publish(broker, topics, UNITS / 2, UNITS);
    await().atMost(Duration.ofSeconds(60)).until(() -> witness.total() >= UNITS / 2);
    pools.remove(2).close(); // a node leaves: another rebalance mid-load
    await().atMost(Duration.ofSeconds(30)).until(() -> witness.stalled.getCount() == 0);
    witness.releaseAfterRebalance();

    await().atMost(Duration.ofSeconds(120)).until(() -> witness.distinct() == UNITS);
    Map<String, Integer> outcomes = outcomesByAttempt(broker, topics, UNITS);
    pools.forEach(WorkerPool::close);

    assertThat(witness.executions).hasSize(UNITS);
    assertThat(witness.executions.values()).allSatisfy(n -> assertThat(n.get()).isEqualTo(1));
    assertThat(outcomes).hasSize(UNITS);
    assertThat(outcomes.values()).allSatisfy(n -> assertThat(n).isEqualTo(1));
  }

  private static WorkerSettings withNode(WorkerSettings s, String node) {
    return new WorkerSettings(
            s.bootstrapServers(),
            s.topics(),
            s.substrate(),
            s.poolId(),
            node,
            s.loops(),
            s.pollTimeout(),
            s.consumerOverrides())
        .withClaimWindow(s.claimWindow());
  }

  private static void publish(LocalKafkaBroker broker, KrakoTopics topics, int from, int to)
      throws Exception {
    try (KafkaProducer<String, WorkUnitDispatch> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            topics.dispatch(Substrate.cpu).keySerde().serializer(),
            topics.dispatch(Substrate.cpu).valueSerde().serializer())) {
      for (int i = from; i < to; i++) {
        String session = "session-" + (i % 17);
        producer
            .send(
                new ProducerRecord<>(
                    topics.dispatch(Substrate.cpu).name(), session, dispatch(session, "unit-" + i)))
            .get();
      }
    }
  }

  private static WorkUnitDispatch dispatch(String session, String unit) {
    return WorkUnitDispatch.newBuilder()
        .setSessionId(session)
        .setTenantId("t")
        .setGraphId("g")
        .setWorkUnitId(unit)
        .setAttemptIndex(0)
        .setType(WorkUnitType.deterministic)
        .setSubstrate(Substrate.cpu)
        .setRunJson("{\"handler\":\"echo\"}")
        .setInputJson("{}")
        .setDependencyIds(List.of())
        .setDependencyOutputs(Map.of())
        .setIdempotent(false)
        .setVerificationMode(VerificationMode.none)
        .setDispatchedAt(Instant.EPOCH)
        .build();
  }

  private static Map<String, Integer> outcomesByAttempt(
      LocalKafkaBroker broker, KrakoTopics topics, int expected) {
    Map<String, Integer> counts = new ConcurrentHashMap<>();
    try (KafkaConsumer<String, Event> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "witness-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            topics.events().keySerde().deserializer(),
            topics.events().valueSerde().deserializer())) {
      consumer.subscribe(List.of(topics.events().name()));
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                for (ConsumerRecord<String, Event> r : consumer.poll(Duration.ofMillis(200))) {
                  if (r.value().getEventType().equals(EventTypes.UNIT_COMPLETED)) {
                    counts.merge(
                        r.value().getWorkUnitId() + "#" + r.value().getAttemptIndex(),
                        1,
                        Integer::sum);
                  }
                }
                return counts.size() >= expected;
              });
      consumer
          .poll(Duration.ofMillis(500))
          .forEach(
              r -> {
                if (r.value().getEventType().equals(EventTypes.UNIT_COMPLETED)) {
                  counts.merge(
                      r.value().getWorkUnitId() + "#" + r.value().getAttemptIndex(),
                      1,
                      Integer::sum);
                }
              });
    }
    return counts;
  }

  /** Counts every execution, and stalls the first execution of one unit to make a zombie. */
  private static final class Witness implements UnitExecutor {
    final Map<String, AtomicInteger> executions = new ConcurrentHashMap<>();
    final CountDownLatch stalled = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final String stallUnit;

    Witness(String stallUnit) {
      this.stallUnit = stallUnit;
    }

    @Override
    public Outcome execute(UnitTask task) {
      executions
          .computeIfAbsent(task.workUnitId() + "#" + task.attemptIndex(), k -> new AtomicInteger())
          .incrementAndGet();
      if (task.workUnitId().equals(stallUnit) && stalled.getCount() == 1) {
        stalled.countDown();
        try {
          // Stalled past max.poll.interval.ms: the group moves this node's partitions elsewhere.
          release.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return new Outcome.Completed(
          "{\"status\":\"ok\",\"task_id\":\"" + task.workUnitId() + "\"}", ExecutionUsage.cpu(0));
    }

    void releaseAfterRebalance() {
      // The zombie comes back only once its poll interval is over, so its group has moved on.
      await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(7)).until(() -> true);
      release.countDown();
    }

    int total() {
      return executions.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    int distinct() {
      return executions.size();
    }
  }
}
