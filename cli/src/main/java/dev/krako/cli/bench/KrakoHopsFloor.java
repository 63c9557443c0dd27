package dev.krako.cli.bench;

import dev.krako.cli.Component;
import dev.krako.streams.StreamsRunner;
import dev.krako.streams.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The contract floor through the hops the brief gives Krako ({@link
 * ContractFloorBench.Route#KRAKO_HOPS}), each doing the least its part must do, and nothing else:
 *
 * <ol>
 *   <li>an orchestration Streams application reads a session's readiness (written by the bench's
 *       producers, standing in for an admitted session) and each unit's report, updates the
 *       session's entry in a store for each, and writes the next unit's dispatch and {@code
 *       workunit.scheduled}: a session is a chain of {@link #UNITS_PER_SESSION} units, each made
 *       ready by the report of the one before, as a unit is in Krako;
 *   <li>{@link #CLAIM_LOOPS} claim loops (plain transactional clients, like Krako's CPU pool) read
 *       the dispatches and write, per unit, {@code workunit.claimed}, {@code started}, {@code
 *       completed} and a report, in one transaction per poll with the dispatches' offsets (ADR
 *       029);
 *   <li>a billing Streams application reads every event, dedupes each completion by its event id in
 *       a store, writes the unit's ledger line and adds it to its tenant's wallet in a store;
 *   <li>a trust Streams application reads every event and counts each claim and completion in its
 *       node's entry in a store.
 * </ol>
 *
 * <p>Orchestration has Krako's critical-path settings ({@link StreamsSettings}), billing and trust
 * those of Krako's followers ({@link Component#commitInterval()}, {@link Component#pollInterval()},
 * {@link Component#mainConsumerSettings()}). Every store is persistent, cached and logged, as
 * Krako's are. Nothing is decoded: a record's first byte says what it is and the next eight which
 * unit, the rest is padding to the raw broker's record size. What this leaves out of Krako is its
 * processing: parsing and gating graphs, the session state's size and its encoding, Avro, claims'
 * leases, heartbeats, capacity, ingress (once per session, not per unit).
 */
final class KrakoHopsFloor implements AutoCloseable {

  /** What a record is: its first byte. */
  static final byte READY = 0;

  static final byte DISPATCH = 1;
  static final byte SCHEDULED = 2;
  static final byte CLAIMED = 3;
  static final byte STARTED = 4;
  static final byte COMPLETED = 5;
  static final byte REPORT = 6;
  static final byte LEDGER_LINE = 7;

  /** A record's kind and its unit's number: the least a record must hold here. */
  static final int HEADER_BYTES = 1 + Long.BYTES;

  /** The events a claim loop writes per unit (orchestration writes {@link #SCHEDULED}). */
  private static final byte[] CLAIM_LOOP_EVENTS = {CLAIMED, STARTED, COMPLETED};

  /** Krako's CPU pool's claim loops by default (WorkerSettings; the bench's --cpu-loops). */
  static final int CLAIM_LOOPS = 2;

  /** Units of a session, run one after the other: each unit's report makes the next ready. */
  static final int UNITS_PER_SESSION = ContractFloorBench.UNITS_PER_KEY;

  /**
   * Dispatch, four events, report, ledger line, and one readiness per session (changelogs not
   * counted).
   */
  static final int RECORDS_PER_UNIT = 7;

  /**
   * Orchestration one (the report; and one readiness per session), a claim loop one, billing and
   * trust four each, the bench's ledger reader one.
   */
  static final int READS_PER_UNIT = 11;

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(100);

  private static final String SESSIONS_STORE = "sessions";
  private static final String DEDUPE_STORE = "billing-dedupe";
  private static final String WALLETS_STORE = "wallets";
  private static final String NODES_STORE = "nodes";

  private final String bootstrapServers;
  private final ContractFloorBench.Topics topics;
  private final String name;
  private final List<StreamsRunner> apps = new ArrayList<>();
  private final List<Path> stateDirs = new ArrayList<>();
  private final long units;
  private final AtomicLong reported = new AtomicLong();
  private final CompletableFuture<Long> allReported = new CompletableFuture<>();
  private final AtomicLong trustRead = new AtomicLong();
  private final CompletableFuture<Long> trustCaughtUp = new CompletableFuture<>();
  private final AtomicLong claimLoopCommits = new AtomicLong();

  private KrakoHopsFloor(
      String bootstrapServers, ContractFloorBench.Topics topics, String name, long units) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.name = name;
    this.units = units;
  }

  /**
   * Starts the three Streams applications and returns once each runs with its partitions.
   *
   * @param units how many units the run will make ready
   */
  static KrakoHopsFloor start(
      String bootstrapServers, ContractFloorBench.Topics topics, String name, long units)
      throws InterruptedException {
    KrakoHopsFloor floor = new KrakoHopsFloor(bootstrapServers, topics, name, units);
    try {
      floor.startApp("orchestration", floor.orchestration(), Component.ORCHESTRATION);
      floor.startApp("billing", floor.billing(), Component.BILLING);
      floor.startApp("trust", floor.trust(), Component.TRUST);
    } catch (RuntimeException | InterruptedException e) {
      floor.close();
      throw e;
    }
    return floor;
  }

  /**
   * Completes with the time (nanoTime) orchestration processed the run's last report: every unit
   * completed on the critical path, its commit due within 50 ms.
   */
  CompletableFuture<Long> allReported() {
    return allReported;
  }

  /**
   * Completes with the time (nanoTime) trust processed the run's last event; its commit follows
   * within a follower's commit interval.
   */
  CompletableFuture<Long> trustCaughtUp() {
    return trustCaughtUp;
  }

  /** Transactions the claim loops have committed so far. */
  long claimLoopCommits() {
    return claimLoopCommits.get();
  }

  /** Transactions the three applications' stream threads have committed so far. */
  long commits() {
    long sum = 0;
    for (StreamsRunner app : apps) {
      sum += ContractFloorBench.commits(app);
    }
    return sum;
  }

  /** The application id of one of this floor's hops, named for the bench's threads. */
  private String applicationId(String hop) {
    return ProcessStats.BENCH_THREADS + "-" + name + "-" + hop;
  }

  private void startApp(String hop, Topology topology, Component like) throws InterruptedException {
    Path dir;
    try {
      dir = Files.createTempDirectory("krako-floor-" + hop);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    stateDirs.add(dir);
    Map<String, Object> overrides = like.streamsOverrides();
    // Named for the bench, so that its threads count as the bench's clients, not as Krako.
    StreamsSettings settings =
        new StreamsSettings(
            applicationId(hop),
            bootstrapServers,
            dir,
            topics.dispatch() + ".dead-letters", // byte arrays: nothing to dead-letter
            "bench-contract-floor-" + hop,
            overrides);
    StreamsRunner runner = new StreamsRunner("contract floor " + hop, topology, settings);
    apps.add(runner);
    runner.start(START_TIMEOUT);
  }

  private Topology orchestration() {
    Topology t = new Topology();
    t.addSource("ready", bytes(), bytes(), topics.ready());
    t.addSource("reports", bytes(), bytes(), topics.reports());
    t.addProcessor("orchestrate", SessionsProcessor::new, "ready", "reports");
    t.addStateStore(store(SESSIONS_STORE), "orchestrate");
    t.addSink("dispatches", topics.dispatch(), bytesOut(), bytesOut(), "orchestrate");
    t.addSink("scheduled", topics.events(), bytesOut(), bytesOut(), "orchestrate");
    return t;
  }

  private Topology billing() {
    Topology t = new Topology();
    t.addSource("events", bytes(), bytes(), topics.events());
    t.addProcessor("bill", BillingProcessor::new, "events");
    t.addStateStore(store(DEDUPE_STORE), "bill");
    t.addStateStore(store(WALLETS_STORE), "bill");
    t.addSink("ledger", topics.ledger(), bytesOut(), bytesOut(), "bill");
    return t;
  }

  private Topology trust() {
    Topology t = new Topology();
    t.addSource("events", bytes(), bytes(), topics.events());
    t.addProcessor("trust", TrustProcessor::new, "events");
    t.addStateStore(store(NODES_STORE), "trust");
    return t;
  }

  private static org.apache.kafka.streams.state.StoreBuilder<KeyValueStore<byte[], byte[]>> store(
      String storeName) {
    return Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(storeName), Serdes.ByteArray(), Serdes.ByteArray())
        .withCachingEnabled();
  }

  private static Deserializer<byte[]> bytes() {
    return new ByteArrayDeserializer();
  }

  private static Serializer<byte[]> bytesOut() {
    return new ByteArraySerializer();
  }

  /** A copy of {@code value} that says it is {@code kind}. */
  static byte[] as(byte kind, byte[] value) {
    byte[] copy = value.clone();
    copy[0] = kind;
    return copy;
  }

  /** A readiness of unit {@code unit}, as long as {@code padding} (at least nine bytes). */
  static byte[] ready(long unit, byte[] padding) {
    return of(READY, unit, padding);
  }

  /** A record of {@code kind} for unit {@code unit}, as long as {@code padding}. */
  private static byte[] of(byte kind, long unit, byte[] padding) {
    byte[] value = padding.clone();
    value[0] = kind;
    ByteBuffer.wrap(value, 1, Long.BYTES).putLong(unit);
    return value;
  }

  /** The unit a record is about. */
  private static long unit(byte[] value) {
    return ByteBuffer.wrap(value, 1, Long.BYTES).getLong();
  }

  /** A unit's event id: its kind and number, as the contract's ids are derived, not drawn. */
  private static byte[] eventId(byte[] value) {
    byte[] id = new byte[1 + Long.BYTES];
    System.arraycopy(value, 0, id, 0, id.length);
    return id;
  }

  /**
   * Orchestration: a session's entry read and written for every readiness and every report; a
   * session's readiness dispatches its first unit, a unit's report the next one.
   */
  private final class SessionsProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<byte[], byte[]> sessions;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
      this.sessions = context.getStateStore(SESSIONS_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      sessions.get(record.key()); // a session's state is read and written back on every input
      sessions.put(record.key(), record.value());
      long next;
      if (record.value()[0] == READY) {
        next = unit(record.value());
      } else {
        if (reported.incrementAndGet() == units) {
          allReported.complete(System.nanoTime());
        }
        next = unit(record.value()) + 1;
        if (next % UNITS_PER_SESSION == 0 || next >= units) {
          return; // the session's last unit
        }
      }
      context.forward(record.withValue(of(DISPATCH, next, record.value())), "dispatches");
      context.forward(record.withValue(of(SCHEDULED, next, record.value())), "scheduled");
    }
  }

  /** Billing: every completion deduped by its event id, billed, and added to a wallet. */
  private static final class BillingProcessor implements Processor<byte[], byte[], byte[], byte[]> {

    private ProcessorContext<byte[], byte[]> context;
    private KeyValueStore<byte[], byte[]> dedupe;
    private KeyValueStore<byte[], byte[]> wallets;

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
      this.context = context;
      this.dedupe = context.getStateStore(DEDUPE_STORE);
      this.wallets = context.getStateStore(WALLETS_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      if (record.value()[0] != COMPLETED) {
        return;
      }
      byte[] id = eventId(record.value());
      if (dedupe.putIfAbsent(id, id) != null) {
        return;
      }
      byte[] wallet = wallets.get(record.key());
      long billed = wallet == null ? 0 : ByteBuffer.wrap(wallet).getLong();
      wallets.put(record.key(), ByteBuffer.allocate(Long.BYTES).putLong(billed + 1).array());
      context.forward(record.withValue(as(LEDGER_LINE, record.value())), "ledger");
    }
  }

  /** Trust: each claim and completion counted in its node's entry. */
  private final class TrustProcessor implements Processor<byte[], byte[], Void, Void> {

    private KeyValueStore<byte[], byte[]> nodes;

    @Override
    public void init(ProcessorContext<Void, Void> context) {
      this.nodes = context.getStateStore(NODES_STORE);
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
      if (trustRead.incrementAndGet() == units * ContractFloorBench.EVENTS_PER_UNIT.size()) {
        trustCaughtUp.complete(System.nanoTime());
      }
      byte kind = record.value()[0];
      if (kind != CLAIMED && kind != COMPLETED) {
        return;
      }
      byte[] node = nodes.get(record.key());
      long seen = node == null ? 0 : ByteBuffer.wrap(node).getLong();
      nodes.put(record.key(), ByteBuffer.allocate(Long.BYTES).putLong(seen + 1).array());
    }
  }

  /**
   * A claim loop over every {@link #CLAIM_LOOPS}-th partition of the dispatches, from {@code loop}
   * on: until {@code stop}, each poll's dispatches are claimed, run (nothing to run) and reported
   * in one transaction with their offsets ({@link #claimLoopCommits()}).
   */
  Void claimLoop(int loop, int partitions, AtomicBoolean stop) throws ExecutionException {
    String id = applicationId("claim-loop-" + loop);
    Map<String, Object> consumerSettings =
        RawBrokerBench.consumerSettings(bootstrapServers, id + "-consumer");
    consumerSettings.put(
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    consumerSettings.put(ConsumerConfig.GROUP_ID_CONFIG, id);
    consumerSettings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    Map<String, Object> producerSettings =
        RawBrokerBench.producerSettings(bootstrapServers, id + "-producer");
    producerSettings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, id);
    List<TopicPartition> mine = new ArrayList<>();
    for (int p = loop; p < partitions; p += CLAIM_LOOPS) {
      mine.add(new TopicPartition(topics.dispatch(), p));
    }
    try (KafkaConsumer<byte[], byte[]> consumer =
            new KafkaConsumer<>(
                consumerSettings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        KafkaProducer<byte[], byte[]> producer =
            new KafkaProducer<>(
                producerSettings, new ByteArraySerializer(), new ByteArraySerializer())) {
      consumer.assign(mine);
      consumer.seekToBeginning(mine);
      producer.initTransactions();
      ConsumerGroupMetadata group = new ConsumerGroupMetadata(id);
      while (!stop.get()) {
        ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
        if (polled.isEmpty()) {
          continue;
        }
        producer.beginTransaction();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> dispatch : polled) {
          for (byte kind : CLAIM_LOOP_EVENTS) {
            producer.send(
                new ProducerRecord<>(topics.events(), dispatch.key(), as(kind, dispatch.value())));
          }
          producer.send(
              new ProducerRecord<>(topics.reports(), dispatch.key(), as(REPORT, dispatch.value())));
          offsets.put(
              new TopicPartition(dispatch.topic(), dispatch.partition()),
              new OffsetAndMetadata(dispatch.offset() + 1));
        }
        producer.sendOffsetsToTransaction(offsets, group);
        producer.commitTransaction();
        claimLoopCommits.incrementAndGet();
      }
      return null;
    } catch (KafkaException e) {
      throw new ExecutionException("A contract floor claim loop failed.", e);
    }
  }

  @Override
  public void close() {
    apps.forEach(StreamsRunner::close); // their state directories are deleted whole, below
    deleteFromBroker();
    stateDirs.forEach(BenchCommand::deleteQuietly);
  }

  /**
   * The stores' changelogs and the applications' and claim loops' groups: the bench's own, not to
   * be left on a shared broker.
   */
  private void deleteFromBroker() {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      String prefix = applicationId("");
      List<String> internal =
          admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
              .filter(topic -> topic.startsWith(prefix))
              .toList();
      admin.deleteTopics(internal).all().get(30, TimeUnit.SECONDS);
      List<String> groups = new ArrayList<>();
      for (String hop : List.of("orchestration", "billing", "trust")) {
        groups.add(applicationId(hop));
      }
      for (int loop = 0; loop < CLAIM_LOOPS; loop++) {
        groups.add(applicationId("claim-loop-" + loop));
      }
      admin.deleteConsumerGroups(groups).all().get(30, TimeUnit.SECONDS);
    } catch (ExecutionException | java.util.concurrent.TimeoutException | KafkaException e) {
      // A leftover changelog or group is litter, not a wrong figure.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
