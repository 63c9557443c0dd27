package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Substrate;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.topics.KrakoTopics;
import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.execution.UnitExecutor;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Early start against the real broker (docs/adr/025-early-start-of-pure-units.md): a CPU node with
 * early start claims and runs a dispatch while the transaction that wrote it is still open, and
 * runs a dispatch of a transaction that then aborts (a ghost); a node without it waits for the
 * commit and never sees the aborted dispatch. Both read the same dispatch topic, each in a group of
 * its own.
 */
@ExtendWith(KafkaBrokerExtension.class)
class EarlyStartIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @Test
  void anEarlyNodeRunsWhatIsWrittenBeforeTheCommitAndACommittedNodeWaitsForIt(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    KrakoTopics topics = WorkerTopics.create(broker, names.topic("early"), Substrate.cpu, 1);
    String earlyNode = names.groupId("early-node");
    String committedNode = names.groupId("committed-node");
    WorkerSettings early = settings(broker, topics, names.groupId("early"), earlyNode, true);
    WorkerSettings committed =
        settings(broker, topics, names.groupId("committed"), committedNode, false);
    UnitExecutor echo =
        task ->
            new Outcome.Completed(
                "{\"status\":\"ok\",\"task_id\":\"" + task.workUnitId() + "\"}",
                ExecutionUsage.cpu(0));

    try (EventLog log = new EventLog(broker, topics);
        KafkaProducer<String, WorkUnitDispatch> orchestrator = orchestrator(broker, topics);
        WorkerPool earlyPool =
            WorkerPool.start(early, echo, Clock.systemUTC()).awaitReady(PATIENCE);
        WorkerPool committedPool =
            WorkerPool.start(committed, echo, Clock.systemUTC()).awaitReady(PATIENCE)) {
      orchestrator.initTransactions();

      // Written, not committed: the early node runs it and reports it (its own transaction).
      orchestrator.beginTransaction();
      send(orchestrator, topics, "ghost", false);
      orchestrator.flush();
      await().atMost(PATIENCE).until(() -> log.units(EventTypes.UNIT_COMPLETED).contains("ghost"));
      assertThat(log.claimedBy(earlyNode)).containsExactly("ghost");
      assertThat(log.claimedBy(committedNode)).isEmpty();

      // The orchestrator's transaction aborts: the early node's run stays a ghost.
      orchestrator.abortTransaction();

      orchestrator.beginTransaction();
      send(orchestrator, topics, "kept", false);
      orchestrator.commitTransaction();

      // The committed node reaches "kept" only past the aborted "ghost", which it never sees.
      await().atMost(PATIENCE).until(() -> log.claimedBy(committedNode).contains("kept"));
      await().atMost(PATIENCE).until(() -> log.claimedBy(earlyNode).contains("kept"));
      assertThat(log.claimedBy(committedNode)).containsExactly("kept");
      assertThat(log.claimedBy(earlyNode)).containsExactly("ghost", "kept");
    }
  }

  /**
   * ADR 029: an early node claims, starts and reports a unit that ends quickly in one transaction
   * (its three events have consecutive offsets), and commits the claim of a slow one while it still
   * runs; a node that waits for the commit claims in one transaction and reports in another.
   */
  /**
   * ADR 029: an early node claims, starts and reports an idempotent unit that ends quickly in one
   * transaction (its three events have consecutive offsets), and commits the claim of a slow one
   * while it still runs; it claims a unit that is not idempotent in one transaction and reports it
   * in another, as a node that waits for the commit does with every unit. Each node has topics of
   * its own, so that no other writer's record comes between two of its own.
   */
  @Test
  void anEarlyNodeClaimsAndReportsAFastUnitInOneTransactionAndASlowOneInTwo(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    KrakoTopics earlyTopics =
        WorkerTopics.create(broker, names.topic("one-txn-early"), Substrate.cpu, 1);
    KrakoTopics committedTopics =
        WorkerTopics.create(broker, names.topic("one-txn-committed"), Substrate.cpu, 1);
    String earlyNode = names.groupId("early-node");
    String committedNode = names.groupId("committed-node");
    CountDownLatch slowMayEnd = new CountDownLatch(1);
    UnitExecutor executor =
        task -> {
          if (task.workUnitId().equals("slow")) {
            try {
              slowMayEnd.await();
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          return new Outcome.Completed("{\"status\":\"ok\"}", ExecutionUsage.cpu(0));
        };

    try (EventLog earlyLog = new EventLog(broker, earlyTopics);
        EventLog earlyReports = EventLog.reports(broker, earlyTopics);
        EventLog committedLog = new EventLog(broker, committedTopics);
        KafkaProducer<String, WorkUnitDispatch> toEarly = orchestrator(broker, earlyTopics);
        KafkaProducer<String, WorkUnitDispatch> toCommitted =
            orchestrator(broker, committedTopics);
        WorkerPool earlyPool =
            WorkerPool.start(
                    settings(broker, earlyTopics, names.groupId("early"), earlyNode, true),
                    executor,
                    Clock.systemUTC())
                .awaitReady(PATIENCE);
        WorkerPool committedPool =
            WorkerPool.start(
                    settings(
                        broker, committedTopics, names.groupId("committed"), committedNode, false),
                    executor,
                    Clock.systemUTC())
                .awaitReady(PATIENCE)) {
      toEarly.initTransactions();
      toCommitted.initTransactions();
      commit(toEarly, earlyTopics, "fast", true);
      commit(toEarly, earlyTopics, "strict", false);
      commit(toCommitted, committedTopics, "fast", true);
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  earlyLog.offset("fast", earlyNode, EventTypes.UNIT_COMPLETED) >= 0
                      && earlyLog.offset("strict", earlyNode, EventTypes.UNIT_COMPLETED) >= 0
                      && committedLog.offset("fast", committedNode, EventTypes.UNIT_COMPLETED)
                          >= 0);

      long claimed = earlyLog.offset("fast", earlyNode, EventTypes.UNIT_CLAIMED);
      assertThat(earlyLog.offset("fast", earlyNode, EventTypes.UNIT_STARTED))
          .isEqualTo(claimed + 1);
      assertThat(earlyLog.offset("fast", earlyNode, EventTypes.UNIT_COMPLETED))
          .as("the outcome is in the claim's transaction: no commit marker before it")
          .isEqualTo(claimed + 2);
      await()
          .atMost(PATIENCE)
          .until(
              () ->
                  earlyReports.offset("fast", earlyNode, EventTypes.UNIT_COMPLETED) >= 0
                      && earlyReports.offset("strict", earlyNode, EventTypes.UNIT_COMPLETED) >= 0);
      assertThat(earlyReports.offset("fast", earlyNode, EventTypes.UNIT_CLAIMED))
          .as("a claim reported with its outcome is not copied to the orchestrator (ADR 032)")
          .isEqualTo(-1);
      assertThat(earlyReports.offset("strict", earlyNode, EventTypes.UNIT_CLAIMED))
          .as("a claim committed before its outcome is copied")
          .isGreaterThanOrEqualTo(0);
      long strictClaim = earlyLog.offset("strict", earlyNode, EventTypes.UNIT_CLAIMED);
      assertThat(earlyLog.offset("strict", earlyNode, EventTypes.UNIT_COMPLETED))
          .as("a unit that is not idempotent starts only once its claim has committed")
          .isGreaterThan(strictClaim + 2);
      long committedClaim = committedLog.offset("fast", committedNode, EventTypes.UNIT_CLAIMED);
      assertThat(committedLog.offset("fast", committedNode, EventTypes.UNIT_COMPLETED))
          .as("a committed node reports in a transaction after its claim's")
          .isGreaterThan(committedClaim + 2);

      commit(toEarly, earlyTopics, "slow", true);
      // The claim of a unit still running is committed after the claim linger, without its outcome.
      await()
          .atMost(PATIENCE)
          .until(() -> earlyLog.offset("slow", earlyNode, EventTypes.UNIT_CLAIMED) >= 0);
      assertThat(earlyLog.offset("slow", earlyNode, EventTypes.UNIT_COMPLETED)).isEqualTo(-1);
      await()
          .atMost(PATIENCE)
          .until(() -> earlyReports.offset("slow", earlyNode, EventTypes.UNIT_CLAIMED) >= 0);

      slowMayEnd.countDown();
      await()
          .atMost(PATIENCE)
          .until(() -> earlyLog.offset("slow", earlyNode, EventTypes.UNIT_COMPLETED) >= 0);
      assertThat(earlyLog.offset("slow", earlyNode, EventTypes.UNIT_COMPLETED))
          .isGreaterThan(earlyLog.offset("slow", earlyNode, EventTypes.UNIT_STARTED) + 1);
    } finally {
      slowMayEnd.countDown();
    }
  }

  /** One dispatch in a transaction of its own, committed. */
  private static void commit(
      KafkaProducer<String, WorkUnitDispatch> producer,
      KrakoTopics topics,
      String unit,
      boolean idempotent) {
    producer.beginTransaction();
    send(producer, topics, unit, idempotent);
    producer.commitTransaction();
  }

  private static WorkerSettings settings(
      LocalKafkaBroker broker, KrakoTopics topics, String pool, String nodeId, boolean earlyStart) {
    return new WorkerSettings(
            broker.bootstrapServers(),
            topics,
            Substrate.cpu,
            pool,
            nodeId,
            1,
            Duration.ofMillis(50))
        .withEarlyStart(earlyStart);
  }

  /** A transactional writer of dispatches, as the orchestrator's stream thread is. */
  private static KafkaProducer<String, WorkUnitDispatch> orchestrator(
      LocalKafkaBroker broker, KrakoTopics topics) {
    var topic = topics.dispatch(Substrate.cpu);
    return new KafkaProducer<>(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            broker.bootstrapServers(),
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "orchestrator-" + topic.name()),
        topic.keySerde().serializer(),
        topic.valueSerde().serializer());
  }

  private static void send(
      KafkaProducer<String, WorkUnitDispatch> producer,
      KrakoTopics topics,
      String unit,
      boolean idempotent) {
    WorkUnitDispatch dispatch =
        WorkUnitDispatch.newBuilder(
                EventLog.dispatch(Substrate.cpu, "{\"handler\":\"echo\"}", unit))
            .setIdempotent(idempotent)
            .build();
    producer.send(
        new ProducerRecord<>(topics.dispatch(Substrate.cpu).name(), "session-1", dispatch));
  }
}
