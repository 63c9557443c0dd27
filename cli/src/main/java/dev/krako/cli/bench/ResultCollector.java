package dev.krako.cli.bench;

import dev.krako.avro.GraphRejected;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.LineItem;
import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.UnitTelemetry;
import dev.krako.topics.KrakoTopics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads what Krako answers, as KORA would: the session results (committed only), the rejections and
 * the ledger. A result closes its session's latency (arrival minus due time) in the step that
 * published it; results and ledger entries also count towards the current step's throughput. One
 * thread, one consumer with manually assigned partitions (no group, no rebalance).
 */
final class ResultCollector implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ResultCollector.class);

  private final KafkaConsumer<String, byte[]> consumer;
  private final KrakoTopics topics;
  private final Map<String, Pending> inFlight;
  private final LongSupplier nanoClock;
  private final Deserializer<SessionResult> results;
  private final Deserializer<LedgerEntry> ledger;
  private final Deserializer<GraphRejected> rejections;
  private final java.util.concurrent.atomic.AtomicLong workUnitsCompleted =
      new java.util.concurrent.atomic.AtomicLong();
  private volatile StepRecorder window;
  private volatile boolean running = true;

  ResultCollector(
      String bootstrapServers,
      KrakoTopics topics,
      Map<String, Pending> inFlight,
      LongSupplier nanoClock) {
    this.topics = topics;
    this.inFlight = inFlight;
    this.nanoClock = nanoClock;
    this.results = topics.results().valueSerde().deserializer();
    this.ledger = topics.ledger().valueSerde().deserializer();
    this.rejections = topics.rejected().valueSerde().deserializer();
    this.consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers,
                ConsumerConfig.CLIENT_ID_CONFIG,
                ProcessStats.BENCH_THREADS + "-collector",
                // Results are written in transactions: KORA sees only committed ones, and so do we.
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
  }

  /** Counts throughput into {@code step} from now on. */
  void watch(StepRecorder step) {
    this.window = step;
  }

  @Override
  public void run() {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic :
        List.of(topics.results().name(), topics.ledger().name(), topics.rejected().name())) {
      for (PartitionInfo p : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
    }
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    try {
      while (running) {
        var records = consumer.poll(Duration.ofMillis(100));
        long arrival = nanoClock.getAsLong();
        for (ConsumerRecord<String, byte[]> record : records) {
          handle(record.topic(), record.value(), arrival);
        }
      }
    } catch (WakeupException e) {
      // close() asked us to stop
    } catch (RuntimeException e) {
      LOG.error("The bench's result collector stopped: {}", e.toString(), e);
    } finally {
      consumer.close();
    }
  }

  private void handle(String topic, byte[] value, long arrival) {
    if (value == null) {
      return;
    }
    StepRecorder current = window;
    if (topic.equals(topics.results().name())) {
      SessionResult result = results.deserialize(topic, value);
      Pending pending = inFlight.remove(String.valueOf(result.getRequestId()));
      if (pending == null) {
        return; // not ours, or already counted
      }
      pending
          .step()
          .session(
              pending.shape(),
              arrival - pending.dueNanos(),
              result.getStatus() == SessionStatus.completed ? null : result.getStopReason().name());
      int units = completedUnits(result);
      workUnitsCompleted.addAndGet(units);
      if (current != null) {
        current.completion(arrival, units);
      }
    } else if (topic.equals(topics.ledger().name())) {
      if (current != null) {
        current.billed(
            arrival, ledger.deserialize(topic, value).getLineItem() == LineItem.llm_tokens);
      }
    } else {
      GraphRejected rejected = rejections.deserialize(topic, value);
      Pending pending = inFlight.remove(String.valueOf(rejected.getRequestId()));
      if (pending != null) {
        pending.step().rejected();
        LOG.warn(
            "Krako rejected bench session {}: {}",
            rejected.getRequestId(),
            rejected.getViolations());
      }
    }
  }

  /** WorkUnits completed in every result of the bench's sessions so far, whatever the step. */
  long workUnitsCompleted() {
    return workUnitsCompleted.get();
  }

  private static int completedUnits(SessionResult result) {
    int completed = 0;
    for (UnitTelemetry unit : result.getTelemetry().getUnits()) {
      if ("completed".contentEquals(unit.getStatus())) {
        completed++;
      }
    }
    return completed;
  }

  @Override
  public void close() {
    running = false;
    consumer.wakeup();
  }
}
