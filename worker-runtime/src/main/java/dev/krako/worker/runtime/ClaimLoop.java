package dev.krako.worker.runtime;

import dev.krako.avro.DeadLetter;
import dev.krako.avro.Substrate;
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
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One claim loop: a consumer of a dispatch topic, a transactional producer, and a window of units
 * running on the loop's own unit threads (docs/adr/017-batched-claims.md).
 *
 * <p>The claim protocol, per poll: the dispatches the poll returns are claimed as one batch (as
 * many as the window has room for and the gate admits, {@link ClaimBatch}) in one Kafka transaction
 * that writes {@code workunit.claimed} and {@code workunit.started} for each and commits the
 * consumer offsets past them, bound to the consumer group's generation. Only when that commit
 * succeeds do the units start; a zombie whose group generation has moved on cannot commit, so it
 * starts none of them. The same transaction carries the outcomes of the units that ended since the
 * previous one, so a busy loop writes one transaction per poll, not two per unit; a loop with
 * nothing to claim reports alone, within {@link #REPORT_LINGER} of a unit's end. A poison dispatch
 * goes to the dead-letter topic with its coordinates, in a transaction that also moves the offset
 * past it.
 *
 * <p>A pool of pure units (one with {@link WorkerSettings#earlyStart()}, ADR 025) starts the
 * batch's idempotent units before the claim commits and waits up to {@link #CLAIM_LINGER} for them,
 * so that a unit that ends by then is claimed and reported in one transaction (ADR 029,
 * docs/adr/029-claim-and-outcome-in-one-transaction.md). A zombie may then run an idempotent unit
 * once more; it still commits nothing, and the units of a claim that did not commit are never
 * reported.
 *
 * <p>A replica of a verified attempt whose {@code exclude_nodes} names this node is not claimed: it
 * is handed on to the next partition in the batch's transaction (docs/adr/009-verification-
 * replicas.md).
 *
 * <p>A {@link ClaimGate} decides when the loop may claim (docs/worker-resilience.md): while it is
 * shut, or the window is full, the loop's partitions are paused, and a dispatch is claimed only
 * with the gate's admission, held until the unit is reported. Once stopped, the loop claims nothing
 * more; the units it holds finish and are reported first.
 *
 * <p>From its claim until its outcome is reported, each unit's lease is renewed by the node's
 * {@link Heartbeats}: if the process dies, the heartbeats stop and the orchestrator retries the
 * attempt within a lease (docs/adr/016-heartbeats-and-leases.md).
 */
final class ClaimLoop implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ClaimLoop.class);

  /**
   * How long a poll waits while units run and the window has room: an ended unit is reported within
   * about this long (plus a transaction) even when no dispatch arrives, and the outcomes that end
   * meanwhile share that transaction.
   */
  static final Duration REPORT_LINGER = Duration.ofMillis(5);

  /**
   * How long a pure pool waits for the units it has just started before committing their claims: a
   * unit that ends by then is reported in its claim's transaction, one transaction instead of two
   * (ADR 029); a slower one has its claim committed after this delay, and its outcome later. The
   * same 5 ms as {@link #REPORT_LINGER}: the trivial units of a benchmark take about a millisecond,
   * and a dispatch timeout is seconds.
   */
  static final Duration CLAIM_LINGER = Duration.ofMillis(5);

  private final WorkerSettings settings;
  private final String loopId;
  private final UnitExecutor executor;
  private final Clock clock;
  private final Serializer<DeadLetter> deadLetterSerializer;
  private volatile boolean running = true;
  private final java.util.concurrent.CountDownLatch joined =
      new java.util.concurrent.CountDownLatch(1);
  private volatile KafkaConsumer<String, WorkUnitDispatch> consumer;
  private final GatedClaims claims;
  private final Heartbeats heartbeats;
  private final ClaimWindow window;
  private final ClaimTransactions transactions;
  private final ExecutorService units;

  /** The dispatches of the units held, whose leases the heartbeats renew (loop thread only). */
  private final Set<WorkUnitDispatch> held = Collections.newSetFromMap(new IdentityHashMap<>());

  /**
   * @param gate consulted before every poll and every claim; shared by the loops of a node
   * @param heartbeats renews the leases of the units in flight; shared by the loops of a node
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
    this.window = new ClaimWindow(settings.claimWindow());
    // Events name the node, not the loop: node trust and health are per node.
    this.transactions =
        new ClaimTransactions(
            loopId,
            settings.topics().events().name(),
            settings.topics().reports().name(),
            new WorkerEvents(settings.nodeId(), settings.substrate()));
    this.deadLetterSerializer = AvroSerdes.of(DeadLetter.class).serializer();
    AtomicInteger threads = new AtomicInteger();
    this.units =
        Executors.newFixedThreadPool(
            unitThreads(settings),
            r -> {
              Thread t = new Thread(r, "krako-unit-" + loopId + "-" + threads.getAndIncrement());
              // A unit that ignores its interrupt must not keep a stopping process alive.
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * How many of a loop's units run at once. A CPU unit is CPU-bound: more threads than cores would
   * only take CPU from the orchestration and the other loops of the process, so the window's other
   * units wait their turn, claimed and heartbeated. An LLM unit mostly waits on its pod: all of the
   * window's units run at once.
   */
  static int unitThreads(WorkerSettings settings) {
    return settings.substrate() == Substrate.llm_pod
        ? settings.claimWindow()
        : Math.min(settings.claimWindow(), Runtime.getRuntime().availableProcessors());
  }

  @Override
  public void run() {
    try {
      while (running || window.holdsAny()) {
        runClients();
      }
    } catch (InterruptedException | InterruptException e) {
      // The pool's shutdown deadline passed: the units still held end unreported, and their
      // leases expire once their heartbeats stop.
      LOG.warn("Worker {} abandons {} unit(s) it holds.", loopId, held.size());
      Thread.currentThread().interrupt();
    } finally {
      units.shutdownNow();
      held.forEach(heartbeats::release);
    }
    LOG.info("Worker {} stopped.", loopId);
  }

  /** One incarnation of the loop's clients: claims until stopped, then reports what it holds. */
  private void runClients() throws InterruptedException {
    try (KafkaConsumer<String, WorkUnitDispatch> c = KafkaClients.consumer(settings, loopId);
        KafkaProducer<String, byte[]> producer = KafkaClients.producer(settings, loopId)) {
      consumer = c;
      producer.initTransactions();
      if (running) {
        pollUntilStopped(c, producer); // it joins the group unless the gate keeps it out
      }
      drain(c, producer);
    } catch (InterruptException e) {
      throw e;
    } catch (KafkaException e) {
      // Fenced, or the group moved on mid-claim: none of that batch was committed, and the
      // outcomes it carried are still to report. Start afresh.
      LOG.warn("Worker {} restarts its clients after {}.", loopId, e.toString());
    }
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
      // Nothing uncommitted is held: every batch commits its offsets with its claims, and a unit
      // still running is reported by this loop whoever owns its partition now.
    }
  }

  /** Stops the loop; the units it holds finish and are reported first. */
  void stop() {
    running = false;
    KafkaConsumer<String, WorkUnitDispatch> c = consumer;
    if (c != null) {
      c.wakeup();
    }
  }

  private void pollUntilStopped(
      KafkaConsumer<String, WorkUnitDispatch> c, KafkaProducer<String, byte[]> producer)
      throws InterruptedException {
    while (running) {
      try {
        step(c, producer);
      } catch (RecordDeserializationException e) {
        deadLetter(c, producer, e);
      } catch (WakeupException e) {
        return; // stop() woke the consumer: claim nothing more
      }
    }
  }

  /**
   * One poll and one transaction: the dispatches the window has room for are claimed, together with
   * the outcomes of the units that ended meanwhile. A full window polls without waiting (the
   * partitions are paused, so it only keeps the loop in its group) and waits for a unit to end.
   */
  private void step(
      KafkaConsumer<String, WorkUnitDispatch> c, KafkaProducer<String, byte[]> producer)
      throws InterruptedException {
    int room = window.room();
    // A shut gate (e.g. the LLM pod's breaker is open) or a full window pauses the partitions: the
    // poll still runs, so the loop stays in its group, but it returns no dispatch. A gate may
    // also keep the loop out of its group: then it polls nothing.
    List<ConsumerRecord<String, WorkUnitDispatch>> polled = new ArrayList<>();
    if (claims.beforePoll(c, room > 0)) {
      Duration wait =
          room == 0 ? Duration.ZERO : window.holdsAny() ? REPORT_LINGER : settings.pollTimeout();
      c.poll(wait).forEach(polled::add);
    }
    // The generation that handed out these dispatches, read now: a consumer that stalls past its
    // poll interval leaves its group and forgets its generation, and the broker accepts a
    // transactional offset commit without one even while the group has other members. Committing
    // with the generation of the poll makes a stalled loop's claims fail instead (ADR 017).
    ConsumerGroupMetadata generation = c.groupMetadata();
    List<ClaimWindow.Finished> outcomes =
        room == 0 ? window.awaitToReport(settings.pollTimeout()) : window.toReport();
    // Once stopped, nothing more is claimed: the whole poll is left for the partitions' next owner.
    ClaimBatch batch =
        running && generation.generationId() >= 0
            ? ClaimBatch.plan(polled, settings.nodeId(), room, claims::tryAdmit)
            : ClaimBatch.untaken(polled);
    // The rest stays unclaimed (nothing is committed for it): rewind to it, so that it is fetched
    // again, here or by the partition's next owner.
    claims.rewind(c, batch.unclaimed());
    if (batch.isEmpty() && outcomes.isEmpty()) {
      return;
    }
    Instant claimedAt = clock.instant();
    // In a pure pool, an idempotent unit runs now, and the loop waits a moment for it: the units
    // that end by then are reported in their claim's own transaction (ADR 029). The others start
    // once their claim has committed.
    List<ClaimBatch.Claim> afterCommit = new ArrayList<>();
    List<ClaimBatch.Claim> beforeCommit = new ArrayList<>();
    for (ClaimBatch.Claim claim : batch.claims()) {
      (startsBeforeCommit(claim) ? beforeCommit : afterCommit).add(claim);
    }
    List<ClaimWindow.Running> early = run(beforeCommit, claimedAt);
    if (!early.isEmpty()) {
      outcomes = window.awaitEnded(early, CLAIM_LINGER);
    }
    int partitions =
        batch.handOns().isEmpty() ? 0 : c.partitionsFor(settings.dispatchTopic()).size();
    try {
      transactions.commit(producer, generation, checked(outcomes), batch, claimedAt, partitions);
    } catch (KafkaException e) {
      afterCommit.forEach(claim -> claim.admission().release());
      // Ghosts: they leave the window as they end, unreported; their dispatches stay for the
      // partitions' next owner.
      window.abandon(early);
      throw e;
    }
    reported(outcomes);
    lease(early, outcomes);
    start(afterCommit, claimedAt);
  }

  /**
   * Whether a claimed unit may start before its claim commits (ADR 029): in a pool whose units are
   * pure ({@link WorkerSettings#earlyStart()}), and only when its graph declares it idempotent. A
   * claim that then fails to commit (the group moved on, the loop was fenced) leaves a run that the
   * partition's next owner repeats, and the contract allows that for idempotent units only.
   */
  private boolean startsBeforeCommit(ClaimBatch.Claim claim) {
    return settings.earlyStart() && claim.dispatch().getIdempotent();
  }

  /** Starts these units before their claim commits (ADR 029); the window holds them from now. */
  private List<ClaimWindow.Running> run(List<ClaimBatch.Claim> claims, Instant claimedAt) {
    if (claims.isEmpty()) {
      return List.of();
    }
    window.hold(claims.size());
    List<ClaimWindow.Running> running = new ArrayList<>(claims.size());
    for (ClaimBatch.Claim claim : claims) {
      ClaimWindow.Running unit = new ClaimWindow.Running(claim, claimedAt);
      running.add(unit);
      units.execute(() -> window.finish(execute(unit)));
    }
    return running;
  }

  /**
   * The claims of units started early are committed: those not reported with them are in flight,
   * and their leases are renewed from now on.
   */
  private void lease(List<ClaimWindow.Running> early, List<ClaimWindow.Finished> reported) {
    Set<ClaimWindow.Running> ended = Collections.newSetFromMap(new IdentityHashMap<>());
    reported.forEach(f -> ended.add(f.unit()));
    for (ClaimWindow.Running unit : early) {
      if (!ended.contains(unit)) {
        held.add(unit.claim().dispatch());
        heartbeats.hold(unit.claim().dispatch());
      }
    }
  }

  /** After stop: reports the units held as they end, in as few transactions as they allow. */
  private void drain(
      KafkaConsumer<String, WorkUnitDispatch> c, KafkaProducer<String, byte[]> producer)
      throws InterruptedException {
    while (window.holdsAny()) {
      List<ClaimWindow.Finished> outcomes = window.awaitToReport(settings.pollTimeout());
      if (!outcomes.isEmpty()) {
        transactions.commit(
            producer, c.groupMetadata(), checked(outcomes), ClaimBatch.NONE, clock.instant(), 0);
        reported(outcomes);
      }
    }
  }

  /** The claims are committed: each unit starts on a unit thread, and its lease is renewed. */
  private void start(List<ClaimBatch.Claim> claims, Instant claimedAt) {
    window.hold(claims.size());
    for (ClaimBatch.Claim claim : claims) {
      held.add(claim.dispatch());
      heartbeats.hold(claim.dispatch());
      ClaimWindow.Running unit = new ClaimWindow.Running(claim, claimedAt);
      units.execute(() -> window.finish(execute(unit)));
    }
  }

  /** Runs one claimed unit (on a unit thread). */
  private ClaimWindow.Finished execute(ClaimWindow.Running unit) {
    try {
      Outcome outcome = executor.execute(task(unit.claim().dispatch()));
      return ClaimWindow.Finished.of(unit, outcome, clock.instant());
    } catch (RuntimeException e) {
      return ClaimWindow.Finished.failed(unit, e, clock.instant());
    }
  }

  /** The outcomes are committed: their units leave the window, their leases and admissions go. */
  private void reported(List<ClaimWindow.Finished> outcomes) {
    for (ClaimWindow.Finished f : outcomes) {
      WorkUnitDispatch d = f.unit().claim().dispatch();
      held.remove(d);
      heartbeats.release(d);
      f.unit().claim().admission().release();
      LOG.debug(
          "Worker {} ran unit {} attempt {} of session {}: {}.",
          loopId,
          d.getWorkUnitId(),
          d.getAttemptIndex(),
          d.getSessionId(),
          f.outcome().getClass().getSimpleName());
    }
    window.reported(outcomes);
  }

  /**
   * The outcomes, unless an executor threw: a bug, which stops the loop (and so the node) as it did
   * when units ran on the loop thread.
   */
  private List<ClaimWindow.Finished> checked(List<ClaimWindow.Finished> outcomes) {
    for (ClaimWindow.Finished f : outcomes) {
      if (f.failure() != null) {
        throw new IllegalStateException(
            "The executor of worker "
                + loopId
                + " failed on unit "
                + f.unit().claim().dispatch().getWorkUnitId()
                + " of session "
                + f.unit().claim().dispatch().getSessionId()
                + ".",
            f.failure());
      }
    }
    return outcomes;
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

  /** The task the executor runs for a dispatch (the benchmarks build theirs with it too). */
  static UnitTask task(WorkUnitDispatch d) {
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
