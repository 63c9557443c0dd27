package dev.krako.cli;

import dev.krako.cli.LogReadException.Reason;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads topics as they were at one moment: {@link #snapshot} takes the end offsets of every
 * partition once, {@link #read} reads each partition from its beginning up to that end, partition
 * by partition in ascending order, each in offset order. Records appended after the snapshot are
 * not read. It reads committed records only ({@code read_committed}, what an exactly-once reader
 * sees), joins no consumer group and commits nothing. Every call is bounded by one deadline.
 */
final class LogSnapshotReader implements AutoCloseable {

  /** How long the first metadata request may take before the answer is "no broker". */
  private static final Duration FIRST_ANSWER = Duration.ofSeconds(10);

  private static final Duration POLL = Duration.ofMillis(200);

  /** A topic's partitions, in ascending order, and the end offset of each at one moment. */
  record Snapshot(String topic, List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {

    Snapshot {
      partitions = List.copyOf(partitions);
      ends = Map.copyOf(ends);
    }
  }

  private final String bootstrapServers;
  private final long deadlineNanos;
  private final KafkaConsumer<byte[], byte[]> consumer;

  LogSnapshotReader(String bootstrapServers, Duration timeout) {
    this.bootstrapServers = bootstrapServers;
    this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                "krako-replay",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
  }

  Snapshot snapshot(String topic) throws LogReadException {
    List<PartitionInfo> infos;
    try {
      infos = consumer.partitionsFor(topic, shorter(FIRST_ANSWER, remaining()));
    } catch (TimeoutException e) {
      throw new LogReadException(Reason.NO_BROKER, "no broker answered at " + bootstrapServers, e);
    }
    if (infos == null || infos.isEmpty()) {
      throw new LogReadException(
          Reason.NO_TOPIC, "the broker at " + bootstrapServers + " has no topic " + topic, null);
    }
    List<TopicPartition> partitions =
        infos.stream()
            .map(info -> new TopicPartition(topic, info.partition()))
            .sorted(Comparator.comparingInt(TopicPartition::partition))
            .toList();
    // Assigned while their end offsets are asked for: under read_committed the answer also updates
    // each partition's last stable offset, which the consumer keeps for assigned partitions only.
    consumer.assign(partitions);
    try {
      return new Snapshot(topic, partitions, consumer.endOffsets(partitions, remaining()));
    } catch (TimeoutException e) {
      throw timedOut(topic, e);
    }
  }

  /** Hands every record of the snapshot to {@code sink}, in order; returns how many. */
  long read(Snapshot snapshot, Consumer<ConsumerRecord<byte[], byte[]>> sink)
      throws LogReadException {
    long count = 0;
    try {
      for (TopicPartition partition : snapshot.partitions()) {
        count += read(partition, snapshot.ends().get(partition), sink);
      }
    } catch (TimeoutException e) {
      throw timedOut(snapshot.topic(), e);
    }
    return count;
  }

  private long read(
      TopicPartition partition, long end, Consumer<ConsumerRecord<byte[], byte[]>> sink)
      throws LogReadException {
    consumer.assign(List.of(partition));
    consumer.seekToBeginning(List.of(partition));
    long count = 0;
    // The position passes transaction markers and aborted records too, so it reaches the end
    // offset (the last stable offset, under read_committed) even when the last record is not.
    while (consumer.position(partition, remaining()) < end) {
      if (remaining().isZero()) {
        throw timedOut(partition.topic(), null);
      }
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(shorter(POLL, remaining()))) {
        if (record.offset() < end) {
          sink.accept(record);
          count++;
        }
      }
    }
    return count;
  }

  private LogReadException timedOut(String topic, Exception cause) {
    return new LogReadException(
        Reason.TIMED_OUT, topic + " was not read to its end within the timeout", cause);
  }

  private Duration remaining() {
    return Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  @Override
  public void close() {
    consumer.close();
  }
}
