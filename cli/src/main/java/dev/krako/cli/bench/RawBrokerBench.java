package dev.krako.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The broker alone, as the yardstick for Krako: one producer (acks=all, as Krako's clients) and one
 * consumer on a topic with Krako's partition count, moving records of the size of Krako's events.
 * Plain kafka-clients, no idempotence, no transactions: the ceiling the broker gives this machine.
 */
final class RawBrokerBench {

  private static final Duration TIMEOUT = Duration.ofMinutes(3);

  private final String bootstrapServers;

  RawBrokerBench(String bootstrapServers) {
    this.bootstrapServers = bootstrapServers;
  }

  /** Moves {@code records} records of {@code recordBytes} bytes through {@code topic}. */
  RawBrokerResult run(String topic, int partitions, long records, int recordBytes)
      throws InterruptedException, ExecutionException, TimeoutException {
    byte[] payload = new byte[recordBytes];
    new Random(42).nextBytes(payload);
    AtomicLong firstRead = new AtomicLong();
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      fromTheStart(consumer, topic);
      consumer.poll(Duration.ZERO); // resolve the positions before the clock starts
      AtomicBoolean abort = new AtomicBoolean();
      ExecutorService reader =
          Executors.newSingleThreadExecutor(
              r -> new Thread(r, ProcessStats.BENCH_THREADS + "-raw"));
      try {
        Future<Long> reading = reader.submit(() -> readAll(consumer, records, firstRead, abort));
        long start = System.nanoTime();
        long produced;
        try {
          produced = produce(topic, records, payload);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
          abort.set(true); // the reader must let go of the consumer before it is closed
          awaitQuietly(reading);
          throw e;
        }
        long consumed = reading.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return new RawBrokerResult(
            records,
            recordBytes,
            partitions,
            perSecond(records, produced - start),
            perSecond(records, consumed - firstRead.get()),
            perSecond(records, consumed - start));
      } finally {
        reader.shutdownNow();
        reader.awaitTermination(10, TimeUnit.SECONDS);
      }
    }
  }

  private static void awaitQuietly(Future<Long> reading) throws InterruptedException {
    try {
      reading.get(10, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      // the producer's failure is the one to report
    }
  }

  /** Sends every record; returns when the last acknowledgement came (nanoTime). */
  private long produce(String topic, long records, byte[] payload)
      throws InterruptedException, ExecutionException, TimeoutException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer = producer()) {
      for (long i = 0; i < records; i++) {
        producer.send(
            new ProducerRecord<>(topic, payload),
            (metadata, error) -> {
              if (error != null) {
                failure.compareAndSet(null, error);
              }
            });
      }
      producer.flush();
      long acknowledged = System.nanoTime();
      if (failure.get() != null) {
        throw new ExecutionException("The raw broker bench could not produce.", failure.get());
      }
      return acknowledged;
    }
  }

  private static long readAll(
      KafkaConsumer<byte[], byte[]> consumer,
      long records,
      AtomicLong firstRead,
      AtomicBoolean abort) {
    long read = 0;
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (read < records && !abort.get()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The raw broker bench read " + read + " of " + records + " records in " + TIMEOUT);
      }
      for (ConsumerRecord<byte[], byte[]> ignored : consumer.poll(Duration.ofMillis(100))) {
        if (read++ == 0) {
          firstRead.set(System.nanoTime());
        }
      }
    }
    return System.nanoTime();
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> settings =
        producerSettings(bootstrapServers, ProcessStats.BENCH_THREADS + "-raw-producer");
    settings.put(ProducerConfig.ACKS_CONFIG, "all");
    // Not idempotent: on a freshly created topic an idempotent producer here twice had its first
    // batch refused while a later one was written, then got OutOfOrderSequence for that batch
    // until the delivery timeout (120 s), which stalled the run. A yardstick needs throughput, not
    // exactly-once.
    settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    return new KafkaProducer<>(settings, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    return new KafkaConsumer<>(
        consumerSettings(bootstrapServers, ProcessStats.BENCH_THREADS + "-raw-consumer"),
        new ByteArrayDeserializer(),
        new ByteArrayDeserializer());
  }

  /**
   * What the yardsticks' producers share (this one and the contract floor's): Krako's Streams apps
   * linger 5 ms; batches of 64 KiB, as a throughput test should.
   */
  static Map<String, Object> producerSettings(String bootstrapServers, String clientId) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
    settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024);
    return settings;
  }

  /** What the yardsticks' consumers share: no group offsets, large polls. */
  static Map<String, Object> consumerSettings(String bootstrapServers, String clientId) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    settings.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    settings.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000);
    return settings;
  }

  /** Assigns the consumer every partition of {@code topic}, each from its beginning. */
  static void fromTheStart(KafkaConsumer<?, ?> consumer, String topic) {
    List<TopicPartition> assigned = new ArrayList<>();
    for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
      assigned.add(new TopicPartition(topic, p.partition()));
    }
    consumer.assign(assigned);
    consumer.seekToBeginning(assigned);
  }

  /**
   * The mean value size of up to {@code sample} records of {@code topic} (from the beginning), or
   * {@code fallback} when it has none: how big Krako's records really are.
   */
  int meanRecordBytes(String topic, int sample, int fallback) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
      fromTheStart(consumer, topic);
      long bytes = 0;
      int seen = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (seen < sample && System.nanoTime() < deadline) {
        var batch = consumer.poll(Duration.ofMillis(200));
        if (batch.isEmpty() && seen > 0) {
          break;
        }
        for (ConsumerRecord<byte[], byte[]> r : batch) {
          if (r.value() != null && seen < sample) {
            bytes += r.value().length;
            seen++;
          }
        }
      }
      return seen == 0 ? fallback : (int) Math.round((double) bytes / seen);
    }
  }

  private static double perSecond(long count, long nanos) {
    return nanos <= 0 ? Double.NaN : count * 1e9 / nanos;
  }
}
