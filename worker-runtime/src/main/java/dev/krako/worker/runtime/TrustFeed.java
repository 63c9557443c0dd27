package dev.krako.worker.runtime;

import dev.krako.avro.NodeTrust;
import dev.krako.worker.resilience.NodeOutcomes;
import dev.krako.worker.resilience.TrustGate;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the trust topic ({@code krako.nodes.trust}, compacted: one record per node) into a table
 * and hands it to the node's {@link TrustGate}, on a thread of its own.
 *
 * <p>A plain consumer, in no group: every node reads every partition from the beginning, the topic
 * being as small as the fleet. The gate decides only once the reader has caught up with the end
 * offsets it saw at start, so that a node does not judge itself or its peers on half a table; from
 * then on it decides after every poll, records or not, so that a cool-down ends on time. A topic
 * that does not exist yet is looked for again; a record that cannot be read is skipped and logged.
 */
final class TrustFeed implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TrustFeed.class);

  /** How long one poll waits: how late at most a cool-down ends, or a record is acted on. */
  static final Duration POLL = Duration.ofSeconds(1);

  private final WorkerSettings settings;
  private final TrustGate gate;
  private final Clock clock;
  private final KafkaConsumer<String, NodeTrust> consumer;
  private final Thread thread;
  private final Map<String, NodeOutcomes> table = new HashMap<>();
  private Map<TopicPartition, Long> catchUpTo; // null until the topic is assigned
  private boolean toldMissing;

  TrustFeed(WorkerSettings settings, TrustGate gate, Clock clock) {
    this.settings = settings;
    this.gate = gate;
    this.clock = clock;
    this.consumer =
        new KafkaConsumer<>(
            config(settings),
            new StringDeserializer(),
            settings.topics().nodesTrust().valueSerde().deserializer());
    this.thread = new Thread(this::run, "krako-worker-trust-" + settings.nodeId());
    thread.setDaemon(true);
  }

  /** The reader's consumer settings. Every non-default setting carries its reason. */
  static Map<String, Object> config(WorkerSettings s) {
    Map<String, Object> c = new HashMap<>(s.clientSettings());
    c.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            s.bootstrapServers(),
            ConsumerConfig.CLIENT_ID_CONFIG,
            s.nodeId() + "-trust",
            // No group: each node reads the whole table, and commits nothing.
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            // Trust writes under exactly-once: never see an aborted record.
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            // The topic must be compacted: a reader must never create it with the defaults.
            ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG,
            false));
    return c;
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      while (true) {
        if (catchUpTo == null && !assign()) {
          Thread.sleep(POLL.toMillis());
          continue;
        }
        poll();
        if (catchUpTo.isEmpty()) {
          gate.observe(Map.copyOf(table), clock.instant());
        }
      }
    } catch (WakeupException e) {
      // closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (KafkaException e) {
      // The node goes on as the gate last decided; it is logged for its operators.
      LOG.error("Worker node {} stopped reading trust: {}", settings.nodeId(), e.toString());
    } finally {
      consumer.close();
    }
  }

  /** Assigns every partition of the topic from the beginning; false while it does not exist. */
  private boolean assign() {
    String topic = settings.topics().nodesTrust().name();
    List<PartitionInfo> infos = consumer.partitionsFor(topic);
    if (infos == null || infos.isEmpty()) {
      if (!toldMissing) {
        toldMissing = true;
        LOG.info(
            "Worker node {} waits for the trust topic {}; until it exists, it ignores trust.",
            settings.nodeId(),
            topic);
      }
      return false;
    }
    List<TopicPartition> partitions =
        infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    catchUpTo = new HashMap<>(consumer.endOffsets(partitions));
    LOG.info(
        "Worker node {} reads trust from {} partition(s) of {}.",
        settings.nodeId(),
        partitions.size(),
        topic);
    return true;
  }

  private void poll() {
    try {
      for (ConsumerRecord<String, NodeTrust> r : consumer.poll(POLL)) {
        if (r.value() == null) {
          table.remove(r.key());
        } else {
          read(r);
        }
      }
    } catch (RecordDeserializationException e) {
      LOG.warn(
          "Worker node {} skips the unreadable trust record at {}@{}: {}",
          settings.nodeId(),
          e.topicPartition(),
          e.offset(),
          e.getMessage());
      consumer.seek(e.topicPartition(), e.offset() + 1);
    }
    catchUpTo.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
  }

  private void read(ConsumerRecord<String, NodeTrust> r) {
    try {
      table.put(r.key(), outcomes(r.value()));
    } catch (NumberFormatException e) {
      LOG.warn(
          "Worker node {} skips the trust record at {}-{}@{}: its score is not a decimal.",
          settings.nodeId(),
          r.topic(),
          r.partition(),
          r.offset());
    }
  }

  static NodeOutcomes outcomes(NodeTrust t) {
    return new NodeOutcomes(
        t.getNodeId(),
        t.getSubstrate().name(),
        t.getCompleted(),
        t.getFailed(),
        t.getGraphFaults(),
        t.getVerificationFailures(),
        t.getVerificationDisagreements(),
        new BigDecimal(t.getScore()),
        t.getLastEventTime());
  }

  /** Stops reading; the gate keeps its last decision. */
  @Override
  public void close() {
    consumer.wakeup();
    try {
      thread.join(POLL.multipliedBy(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
