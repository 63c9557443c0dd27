package dev.krako.cli.bench;

import dev.krako.streams.StreamsRunner;
import dev.krako.streams.StreamsSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The contract floor: the least broker work that any exactly-once implementation of the KORA→Krako
 * contract must do for a deterministic WorkUnit, done with no processing at all. It is the bench's
 * second yardstick (docs/adr/034-the-contract-floor.md): the raw broker says what the machine
 * moves, this says how many WorkUnits the contract's own records leave room for.
 *
 * <p>Per unit, a transactional producer writes the records every such unit needs: its dispatch to a
 * worker pool, the four events the contract gives it ({@link #EVENTS_PER_UNIT}) and its {@code
 * workunit_cpu} ledger line. {@link #PRODUCERS} producers share the units, each on its own thread,
 * so that one producer's commit does not hold up the others' sends, and each commits every {@link
 * StreamsSettings#COMMIT_INTERVAL}, as Krako's critical path does: the latency targets leave no
 * room for much longer transactions (five units in a row within 300 ms). {@code read_committed}
 * consumers read what someone must read: one the dispatches (the worker pool), {@link
 * #EVENT_READERS} the events (orchestration gating the next units, billing, node trust). The floor
 * is generous on purpose: a unit's records in one transaction where Krako needs three hops, no
 * state, no dedupe, no changelog, nothing decoded, no offsets committed by the readers. Whatever
 * Krako does on top of it costs more than this.
 */
final class ContractFloorBench {

  /**
   * The events of a deterministic unit that succeeds at its first attempt (docs/event-taxonomy.md).
   */
  static final List<String> EVENTS_PER_UNIT =
      List.of("workunit.scheduled", "workunit.claimed", "workunit.started", "workunit.completed");

  /** Orchestration, billing and node trust: the readers the brief gives the event log. */
  static final int EVENT_READERS = 3;

  /** A dispatch, the events, a ledger line. */
  static final int RECORDS_PER_UNIT = 1 + EVENTS_PER_UNIT.size() + 1;

  /** The dispatch by a worker pool, every event by each event reader. */
  static final int READS_PER_UNIT = 1 + EVENT_READERS * EVENTS_PER_UNIT.size();

  /** Producers writing at once: one per core of the development machine. */
  static final int PRODUCERS = 2;

  /** Units keyed alike, as the units of one session are (the bench's mix averages 7.6). */
  static final int UNITS_PER_KEY = 8;

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  /**
   * The topics of one run: readiness and reports are {@link Route#KRAKO_HOPS}' only.
   *
   * @param ready what makes a session's first unit ready (standing in for an admitted session)
   * @param reports the claim loops' reports back to orchestration
   */
  record Topics(String ready, String dispatch, String events, String reports, String ledger) {

    /** The topics {@code route} writes. */
    List<String> of(Route route) {
      return route == Route.KRAKO_HOPS
          ? List.of(ready, dispatch, events, reports, ledger)
          : List.of(dispatch, events, ledger);
    }
  }

  /** How a unit's records get from its dispatch to its events. */
  enum Route {
    /** The producers write all six records; one consumer reads the dispatches. */
    DIRECT,
    /**
     * The producers write the dispatches only; a Kafka Streams application with Krako's
     * critical-path settings ({@link StreamsSettings}: exactly_once_v2, 50 ms commits, 10 ms polls)
     * reads them and writes each unit's events and ledger line: one exactly-once hop, with no
     * processing, no state and nothing decoded.
     */
    ONE_STREAMS_HOP,
    /**
     * The hops the brief gives Krako, each doing the least its part must do ({@link
     * KrakoHopsFloor}): the producers write each session's readiness; an orchestration Streams
     * application keeps a session's entry in a store and writes a unit's dispatch and {@code
     * workunit.scheduled}; claim loops write the other three events and a report, from which
     * orchestration makes the session's next unit ready; billing (dedupe by event id, ledger line,
     * wallet) and trust (a node's counts) read every event. Three Streams applications and two
     * claim loops, with Krako's settings, stores and transactions, and none of its processing.
     */
    KRAKO_HOPS;

    /** Lower case, in words: "direct", "one streams hop", "krako hops". */
    String label() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    }
  }

  private final String bootstrapServers;

  ContractFloorBench(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /**
   * Writes and reads {@code units} units' records of {@code recordBytes} bytes each. The machine is
   * sampled while every client and thread of the run is still open, so that the bench's threads
   * (named {@link ProcessStats#BENCH_THREADS}) are counted as the bench's, not Krako's.
   */
  ContractFloorResult run(
      Topics topics,
      int partitions,
      long units,
      int recordBytes,
      String transactionalId,
      Route route,
      ProcessStats stats)
      throws InterruptedException, ExecutionException, TimeoutException {
    byte[] payload = new byte[Math.max(recordBytes, KrakoHopsFloor.HEADER_BYTES)];
    new Random(42).nextBytes(payload);
    List<KafkaConsumer<byte[], byte[]>> readers = new ArrayList<>();
    List<Long> expected = new ArrayList<>();
    List<KafkaProducer<byte[], byte[]>> writers = new ArrayList<>();
    ExecutorService threads =
        Executors.newFixedThreadPool(
            Math.max(1 + EVENT_READERS, 1 + KrakoHopsFloor.CLAIM_LOOPS) + PRODUCERS,
            r -> new Thread(r, ProcessStats.BENCH_THREADS + "-floor"));
    AtomicBoolean abort = new AtomicBoolean();
    StreamsHop hop = null;
    KrakoHopsFloor hops = null;
    try {
      switch (route) {
        case DIRECT -> {
          readers.add(reader(topics.dispatch(), "dispatch"));
          expected.add(units);
        }
        case ONE_STREAMS_HOP ->
            hop = StreamsHop.start(bootstrapServers, topics, transactionalId + "-hop");
        case KRAKO_HOPS -> {
          hops = KrakoHopsFloor.start(bootstrapServers, topics, transactionalId, units);
          readers.add(reader(topics.ledger(), "ledger"));
          expected.add(units);
        }
      }
      if (route != Route.KRAKO_HOPS) {
        for (int i = 1; i <= EVENT_READERS; i++) {
          readers.add(reader(topics.events(), "events-" + i));
          expected.add(units * EVENTS_PER_UNIT.size());
        }
      }
      for (int i = 0; i < PRODUCERS; i++) {
        KafkaProducer<byte[], byte[]> producer = producer(transactionalId + "-" + i);
        writers.add(producer);
        producer.initTransactions();
      }
      ProcessStats.Sample before = stats.sample();
      long hopCommitsBefore = hop == null ? 0 : hop.commits();
      long hopsCommitsBefore = hops == null ? 0 : hops.commits();
      long start = System.nanoTime();
      List<Future<?>> loops = new ArrayList<>();
      if (hops != null) {
        KrakoHopsFloor running = hops;
        for (int i = 0; i < KrakoHopsFloor.CLAIM_LOOPS; i++) {
          int loop = i;
          loops.add(threads.submit(() -> running.claimLoop(loop, partitions, abort)));
        }
      }
      List<Future<Long>> read = new ArrayList<>();
      for (int i = 0; i < readers.size(); i++) {
        KafkaConsumer<byte[], byte[]> c = readers.get(i);
        long count = expected.get(i);
        read.add(threads.submit(() -> readAll(c, count, abort)));
      }
      List<Future<Long>> written = new ArrayList<>();
      for (int i = 0; i < PRODUCERS; i++) {
        int writer = i;
        written.add(
            threads.submit(
                () -> produce(writers.get(writer), topics, route, writer, units, payload)));
      }
      long transactions = 0;
      for (Future<Long> w : written) {
        transactions += w.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
      long end = start;
      for (Future<Long> r : read) {
        end = Math.max(end, awaitRead(r, loops));
      }
      long completed = end;
      if (hops != null) {
        // Krako's hops bill and count trust in followers that commit once a second: what they
        // write lags the critical path by up to one and a half seconds (the commit and the fetch
        // wait), as Krako's do. Their runs end when every unit is completed on the critical path;
        // the followers must still catch up, and their catch-up is in the CPU figures.
        completed = hops.allReported().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        end = Math.max(end, hops.trustCaughtUp().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
      }
      Usage usage = ProcessStats.between(before, stats.sample(), ProcessStats.loadAverage1m());
      if (hop != null) {
        transactions += hop.commits() - hopCommitsBefore;
      }
      if (hops != null) {
        transactions += hops.commits() - hopsCommitsBefore + hops.claimLoopCommits();
      }
      double seconds = (end - start) / 1e9;
      boolean krakoHops = route == Route.KRAKO_HOPS;
      double workUnitsPerSec = units / ((completed - start) / 1e9);
      return new ContractFloorResult(
          route,
          units,
          krakoHops ? KrakoHopsFloor.RECORDS_PER_UNIT : RECORDS_PER_UNIT,
          krakoHops ? KrakoHopsFloor.READS_PER_UNIT : READS_PER_UNIT,
          recordBytes,
          partitions,
          PRODUCERS,
          transactions,
          workUnitsPerSec,
          transactions / seconds,
          usage);
    } finally {
      abort.set(true); // the threads let go of their clients before these are closed
      threads.shutdown(); // a claim loop ends its poll and closes its clients itself
      if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
        threads.shutdownNow();
        threads.awaitTermination(10, TimeUnit.SECONDS);
      }
      readers.forEach(KafkaConsumer::close);
      writers.forEach(KafkaProducer::close);
      if (hop != null) {
        hop.close();
      }
      if (hops != null) {
        hops.close();
      }
    }
  }

  /**
   * When {@code read} read its last record (nanoTime); fails as soon as a claim loop does, rather
   * than when the reader's time is up.
   */
  private static long awaitRead(Future<Long> read, List<Future<?>> loops)
      throws InterruptedException, ExecutionException {
    while (true) {
      try {
        return read.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        for (Future<?> loop : loops) {
          if (loop.isDone()) {
            loop.get(); // throws the loop's failure
            throw new IllegalStateException("A contract floor claim loop stopped early.");
          }
        }
      }
    }
  }

  /**
   * Writes the records of every {@link #PRODUCERS}-th unit from {@code writer} on (on the route
   * through a Streams hop, its dispatch only; through Krako's hops, the readiness of a session's
   * first unit only), a transaction every commit interval; returns the number of transactions
   * committed.
   */
  private static long produce(
      KafkaProducer<byte[], byte[]> producer,
      Topics topics,
      Route route,
      int writer,
      long units,
      byte[] payload)
      throws ExecutionException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    long interval = StreamsSettings.COMMIT_INTERVAL.toNanos();
    try {
      long transactions = 0;
      producer.beginTransaction();
      long opened = System.nanoTime();
      // Through Krako's hops a session's first unit is made ready, the others by their reports.
      boolean sessions = route == Route.KRAKO_HOPS;
      long step = sessions ? (long) PRODUCERS * UNITS_PER_KEY : PRODUCERS;
      for (long u = sessions ? (long) writer * UNITS_PER_KEY : writer; u < units; u += step) {
        byte[] key = Long.toString(u / UNITS_PER_KEY).getBytes(StandardCharsets.US_ASCII);
        if (sessions) {
          producer.send(
              new ProducerRecord<>(topics.ready(), key, KrakoHopsFloor.ready(u, payload)),
              noted(failure));
        } else {
          producer.send(new ProducerRecord<>(topics.dispatch(), key, payload), noted(failure));
        }
        if (route == Route.DIRECT) {
          for (int e = 0; e < EVENTS_PER_UNIT.size(); e++) {
            producer.send(new ProducerRecord<>(topics.events(), key, payload), noted(failure));
          }
          producer.send(new ProducerRecord<>(topics.ledger(), key, payload), noted(failure));
        }
        if (System.nanoTime() - opened >= interval) {
          producer.commitTransaction();
          transactions++;
          producer.beginTransaction();
          opened = System.nanoTime();
        }
      }
      producer.commitTransaction();
      transactions++;
      if (failure.get() != null) {
        throw new ExecutionException("The contract floor could not produce.", failure.get());
      }
      return transactions;
    } catch (KafkaException e) {
      throw new ExecutionException("The contract floor could not produce.", e);
    }
  }

  /** The Kafka Streams application of {@link Route#ONE_STREAMS_HOP}. */
  private static final class StreamsHop {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final StreamsRunner runner;
    private final Path stateDir;

    private StreamsHop(StreamsRunner runner, Path stateDir) {
      this.runner = runner;
      this.stateDir = stateDir;
    }

    /** Starts the hop and returns once it is running with its partitions assigned. */
    static StreamsHop start(String bootstrapServers, Topics topics, String name)
        throws InterruptedException {
      Path dir;
      try {
        dir = Files.createTempDirectory("krako-floor-hop");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      StreamsBuilder builder = new StreamsBuilder();
      KStream<byte[], byte[]> dispatches =
          builder.stream(topics.dispatch(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()));
      dispatches
          .flatMapValues(v -> Collections.nCopies(EVENTS_PER_UNIT.size(), v))
          .to(topics.events(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
      dispatches.to(topics.ledger(), Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
      // Named for the bench, so that its threads count as the bench's clients, not as Krako.
      StreamsSettings settings =
          new StreamsSettings(
              ProcessStats.BENCH_THREADS + "-" + name,
              bootstrapServers,
              dir,
              topics.dispatch() + ".dead-letters", // byte arrays: nothing to dead-letter
              "bench-contract-floor",
              Map.of());
      StreamsHop hop =
          new StreamsHop(
              new StreamsRunner(
                  "contract floor hop", builder.build(settings.toProperties()), settings),
              dir);
      try {
        hop.runner.start(START_TIMEOUT);
      } catch (RuntimeException | InterruptedException e) {
        hop.close();
        throw e;
      }
      return hop;
    }

    /** Transactions its stream threads have committed so far. */
    long commits() {
      return ContractFloorBench.commits(runner);
    }

    void close() {
      runner.close();
      runner.streams().cleanUp();
      BenchCommand.deleteQuietly(stateDir);
    }
  }

  /** Transactions the stream threads of {@code app} have committed so far. */
  static long commits(StreamsRunner app) {
    return Math.round(
        app.streams().metrics().entrySet().stream()
            .filter(e -> e.getKey().name().equals("commit-total"))
            .filter(e -> e.getKey().group().equals("stream-thread-metrics"))
            .mapToDouble(e -> ((Number) e.getValue().metricValue()).doubleValue())
            .sum());
  }

  private static org.apache.kafka.clients.producer.Callback noted(
      AtomicReference<Exception> failure) {
    return (metadata, error) -> {
      if (error != null) {
        failure.compareAndSet(null, error);
      }
    };
  }

  /** Reads {@code expected} committed records; returns when the last was read (nanoTime). */
  private static long readAll(
      KafkaConsumer<byte[], byte[]> consumer, long expected, AtomicBoolean abort) {
    long read = 0;
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (read < expected && !abort.get()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The contract floor read " + read + " of " + expected + " records in " + TIMEOUT);
      }
      read += consumer.poll(Duration.ofMillis(100)).count();
    }
    return System.nanoTime();
  }

  private KafkaConsumer<byte[], byte[]> reader(String topic, String name) {
    Map<String, Object> settings =
        RawBrokerBench.consumerSettings(
            bootstrapServers, ProcessStats.BENCH_THREADS + "-floor-" + name);
    settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
    KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    RawBrokerBench.fromTheStart(consumer, topic);
    consumer.poll(Duration.ZERO); // resolve the positions before the clock starts
    return consumer;
  }

  /** The raw broker's producer settings, transactional, acks=all as idempotence requires. */
  private KafkaProducer<byte[], byte[]> producer(String transactionalId) {
    Map<String, Object> settings =
        RawBrokerBench.producerSettings(
            bootstrapServers, ProcessStats.BENCH_THREADS + "-floor-producer");
    settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
  }
}
