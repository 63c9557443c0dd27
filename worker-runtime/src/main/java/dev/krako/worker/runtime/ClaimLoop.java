package dev.krako.worker.runtime;

import dev.krako.avro.DeadLetter;
import dev.krako.avro.Event;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.schemas.AvroSerdes;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.UnitTask;
import dev.krako.worker.resilience.ClaimGate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claim loop: a consumer of a dispatch topic and a transactional producer.
 *
 * <p>The claim protocol: for each dispatch, one Kafka transaction writes {@code workunit.claimed}
 * and {@code workunit.started} and commits the consumer offset past the dispatch, bound to the
 * consumer group's generation. Only when that commit succeeds does the unit run; a zombie whose
 * group generation has moved on cannot commit, so it never starts the work. The outcome is then
 * reported in a second transaction. A poison dispatch goes to the dead-letter topic with its
 * coordinates, in a transaction that also moves the offset past it.
 *
 * <p>A replica of a verified attempt whose {@code exclude_nodes} names this node is not claimed: it
 * is handed on to the next partition (docs/adr/009-verification-replicas.md).
 *
 * <p>A {@link ClaimGate} decides when the loop may claim (docs/worker-resilience.md): while it is
 * shut the loop's partitions are paused, and a dispatch is claimed only with the gate's admission.
 * Once stopped, the loop claims nothing more; the unit in flight finishes and is reported first.
 *
 * <p>From its claim until its outcome is reported, the unit's lease is renewed by the node's {@link
 * Heartbeats}: if the process dies, the heartbeats stop and the orchestrator retries the attempt
 * within a lease (docs/adr/016-heartbeats-and-leases.md).
 */
final class ClaimLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ClaimLoop.class);

  private final WorkerSettings settings;
  private final String loopId;
  private final UnitExecutor executor;
  private final Clock clock;
  private final WorkerEvents events;
  private final Serializer<Event> eventSerializer;
  private final Serializer<DeadLetter> deadLetterSerializer;
  private final Serializer<WorkUnitDispatch> dispatchSerializer;
  private volatile boolean running = true;
  private final java.util.concurrent.CountDownLatch joined =
      new java.util.concurrent.CountDownLatch(1);
  private volatile KafkaConsumer<String, WorkUnitDispatch> consumer;
  private final GatedClaims claims;
  private final Heartbeats heartbeats;

  /**
   * @param gate consulted before every poll and every claim; shared by the loops of a node
   * @param heartbeats renews the lease of the unit in flight; shared by the loops of a node
   */
  ClaimLoop(
      WorkerSettings settings,
      String loopId,
      UnitExecutor executor,
      Clock clock,
      ClaimGate gate,
      Heartbeats heartbeats) {
    this.claims = new GatedClaims(gate, loopId, this::join, settings.pollTimeout());
    this.heartbeats = heartbeats;
    this.settings = settings;
    this.loopId = loopId;
    this.executor = executor;
    this.clock = clock;
    // Events name the node, not the loop: node trust and health are per node.
    this.events = new WorkerEvents(settings.nodeId(), settings.substrate());
    this.eventSerializer = AvroSerdes.of(Event.class).serializer();
    this.deadLetterSerializer = AvroSerdes.of(DeadLetter.class).serializer();
    this.dispatchSerializer = AvroSerdes.of(WorkUnitDispatch.class).serializer();
  }

  @Override
  public void run() {
    while (running) {
      try (KafkaConsumer<String, WorkUnitDispatch> c = KafkaClients.consumer(settings, loopId);
          KafkaProducer<String, byte[]> producer = KafkaClients.producer(settings, loopId)) {
        consumer = c;
        producer.initTransactions();
        pollUntilStopped(c, producer); // it joins the group unless the gate keeps it out
      } catch (WakeupException e) {
        // stop() woke the consumer: leave the loop.
      } catch (KafkaException e) {
        // Fenced, or the group moved on mid-claim: nothing of ours was committed. Start afresh.
        LOG.warn("Worker {} restarts its clients after {}.", loopId, e.toString());
      }
    }
    LOG.info("Worker {} stopped.", loopId);
  }

  /** Whether this loop has joined its consumer group at least once (it can claim work). */
  boolean joined() {
    return joined.getCount() == 0;
  }

  /** Waits until the loop has joined its group; false when the timeout passed first. */
  boolean awaitJoined(Duration timeout) throws InterruptedException {
    return joined.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  /** Subscribes to the dispatch topic, which joins the group; see {@link GatedClaims}. */
  private void join(org.apache.kafka.clients.consumer.Consumer<?, ?> c) {
    c.subscribe(List.of(settings.dispatchTopic()), new JoinListener());
    LOG.info(
        "Worker {} consumes {} in group {}.", loopId, settings.dispatchTopic(), settings.groupId());
  }

  /** Marks the loop as joined on its first assignment (which may be empty: it is in the group). */
  private final class JoinListener
      implements org.apache.kafka.clients.consumer.ConsumerRebalanceListener {
    @Override
    public void onPartitionsAssigned(java.util.Collection<TopicPartition> partitions) {
      joined.countDown();
      LOG.info("Worker {} owns {} dispatch partition(s).", loopId, partitions.size());
    }

    @Override
    public void onPartitionsRevoked(java.util.Collection<TopicPartition> partitions) {
      // Nothing is held between claims: every claim commits its own offset.
    }
  }

  /** Stops the loop; the current unit finishes and reports first. */
  void stop() {
    running = false;
    KafkaConsumer<String, WorkUnitDispatch> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private void pollUntilStopped(
      KafkaConsumer<String, WorkUnitDispatch> c, KafkaProducer<String, byte[]> producer) {
    while (running) {
      try {
        // A shut gate (e.g. the LLM pod's breaker is open) pauses the partitions: the poll still
        // runs, so the loop stays in its group, but it returns no dispatch.
        // A gate may also keep the loop out of its group: then it polls nothing.
        if (claims.beforePoll(c)) {
          claimEach(c, producer, c.poll(settings.pollTimeout()));
        }
      } catch (RecordDeserializationException e) {
        deadLetter(c, producer, e);
      }
    }
  }

  /**
   * Claims the polled dispatches one at a time, each only while the loop runs and with the gate's
   * admission, which is released once the unit has been reported.
   */
  private void claimEach(
      KafkaConsumer<String, WorkUnitDispatch> c,
      KafkaProducer<String, byte[]> producer,
      ConsumerRecords<String, WorkUnitDispatch> polled) {
    List<ConsumerRecord<String, WorkUnitDispatch>> batch = new ArrayList<>(polled.count());
    polled.forEach(batch::add);
    for (int i = 0; i < batch.size(); i++) {
      Optional<ClaimGate.Admission> admission = running ? claims.tryAdmit() : Optional.empty();
      if (admission.isEmpty()) {
        // Stopping, or the gate shut mid-batch: the rest stays unclaimed (nothing was committed
        // for it). Rewind to it, so that it is fetched again, here or by the partition's next
        // owner.
        claims.rewind(c, batch.subList(i, batch.size()));
        return;
      }
      try {
        handle(c, producer, batch.get(i));
      } finally {
        admission.get().release();
      }
    }
  }

  private void handle(
      KafkaConsumer<String, WorkUnitDispatch> c,
      KafkaProducer<String, byte[]> producer,
      ConsumerRecord<String, WorkUnitDispatch> record) {
    WorkUnitDispatch dispatch = record.value();
    if (dispatch == null) {
      return; // a tombstone carries no work
    }
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    if (dispatch.getReplicaCount() > 1 && dispatch.getExcludeNodes().contains(settings.nodeId())) {
      handOn(c, producer, record);
      return;
    }
    Instant claimedAt = clock.instant();
    producer.beginTransaction();
    send(producer, dispatch.getSessionId(), events.claimed(dispatch, claimedAt));
    send(producer, dispatch.getSessionId(), events.started(dispatch, claimedAt));
    producer.sendOffsetsToTransaction(
        Map.of(tp, new OffsetAndMetadata(record.offset() + 1)), c.groupMetadata());
    producer.commitTransaction(); // throws when fenced: the unit is then not ours to run
    heartbeats.hold(dispatch);
    try {
      report(producer, dispatch, claimedAt, executor.execute(task(dispatch)));
    } finally {
      heartbeats.release(dispatch);
    }
  }

  private void report(
      KafkaProducer<String, byte[]> producer,
      WorkUnitDispatch dispatch,
      Instant claimedAt,
      Outcome outcome) {
    Instant endedAt = clock.instant();
    long duration = Duration.between(claimedAt, endedAt).toMillis();
    producer.beginTransaction();
    for (Event call : events.modelCalls(dispatch, outcome, claimedAt, endedAt)) {
      send(producer, dispatch.getSessionId(), call);
    }
    send(producer, dispatch.getSessionId(), events.outcome(dispatch, outcome, duration, endedAt));
    producer.commitTransaction();
    LOG.debug(
        "Worker {} ran unit {} attempt {} of session {}: {}.",
        loopId,
        dispatch.getWorkUnitId(),
        dispatch.getAttemptIndex(),
        dispatch.getSessionId(),
        outcome.getClass().getSimpleName());
  }

  /**
   * This node already runs a replica of the dispatch's attempt: the dispatch goes on to the next
   * partition of the topic (and so, most often, to another node), in the transaction that moves
   * this loop past it. Once every partition has been tried, the replica fails with {@code
   * NO_DISTINCT_NODE}: the pool has fewer distinct nodes than the attempt has replicas.
   */
  private void handOn(
      KafkaConsumer<String, WorkUnitDispatch> c,
      KafkaProducer<String, byte[]> producer,
      ConsumerRecord<String, WorkUnitDispatch> record) {
    WorkUnitDispatch dispatch = record.value();
    int partitions = c.partitionsFor(record.topic()).size();
    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
    producer.beginTransaction();
    if (dispatch.getHops() + 1 >= partitions) {
      send(producer, dispatch.getSessionId(), events.noDistinctNode(dispatch, clock.instant()));
      LOG.warn(
          "Worker {}: no node outside {} took replica {} of unit {} attempt {} of session {}.",
          loopId,
          dispatch.getExcludeNodes(),
          dispatch.getReplicaIndex(),
          dispatch.getWorkUnitId(),
          dispatch.getAttemptIndex(),
          dispatch.getSessionId());
    } else {
      WorkUnitDispatch next =
          WorkUnitDispatch.newBuilder(dispatch).setHops(dispatch.getHops() + 1).build();
      int partition = (record.partition() + 1) % partitions;
      producer.send(
          new ProducerRecord<>(
              record.topic(),
              partition,
              record.key(),
              dispatchSerializer.serialize(record.topic(), next)));
      LOG.debug(
          "Worker {} hands replica {} of unit {} of session {} on to partition {}.",
          loopId,
          dispatch.getReplicaIndex(),
          dispatch.getWorkUnitId(),
          dispatch.getSessionId(),
          partition);
    }
    producer.sendOffsetsToTransaction(
        Map.of(tp, new OffsetAndMetadata(record.offset() + 1)), c.groupMetadata());
    producer.commitTransaction();
  }

  private void send(KafkaProducer<String, byte[]> producer, String key, Event event) {
    String topic = settings.topics().events().name();
    producer.send(new ProducerRecord<>(topic, key, eventSerializer.serialize(topic, event)));
  }

  private void deadLetter(
      KafkaConsumer<String, WorkUnitDispatch> c,
      KafkaProducer<String, byte[]> producer,
      RecordDeserializationException e) {
    TopicPartition tp = e.topicPartition();
    LOG.warn(
        "Worker {} sends the poison dispatch at {}@{} to the dead-letter topic: {}",
        loopId,
        tp,
        e.offset(),
        e.getMessage());
    String topic = settings.topics().deadLetter().name();
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setSourceTopic(tp.topic())
            .setSourcePartition(tp.partition())
            .setSourceOffset(e.offset())
            .setKey(e.keyBuffer())
            .setValue(e.valueBuffer())
            .setComponent(WorkerEvents.COMPONENT + ":" + loopId)
            .setErrorClass(
                e.getCause() == null ? e.getClass().getName() : e.getCause().getClass().getName())
            .setErrorMessage(String.valueOf(e.getMessage()))
            .setFailedAt(clock.instant())
            .build();
    producer.beginTransaction();
    producer.send(new ProducerRecord<>(topic, null, deadLetterSerializer.serialize(topic, letter)));
    producer.sendOffsetsToTransaction(
        Map.of(tp, new OffsetAndMetadata(e.offset() + 1)), c.groupMetadata());
    producer.commitTransaction();
    c.seek(tp, e.offset() + 1);
  }

  private static UnitTask task(WorkUnitDispatch d) {
    return new UnitTask(
        d.getSessionId(),
        d.getWorkUnitId(),
        d.getAttemptIndex(),
        d.getType().name(),
        d.getRunJson(),
        d.getInputJson(),
        d.getDependencyIds(),
        d.getDependencyOutputs(),
        d.getVerificationMode().name(),
        d.getOutputSchemaJson(),
        d.getBudgetTokens());
  }
}
