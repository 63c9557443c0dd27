package dev.krako.worker.runtime;

import dev.krako.avro.WorkUnitDispatch;
import dev.krako.schemas.AvroSerdes;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The Kafka clients of one worker node. Every non-default setting carries its reason. The node's
 * {@link WorkerSettings#clientSettings() client settings} (how to reach the cluster) come first, so
 * the settings the claim protocol depends on always win over them.
 */
final class KafkaClients {

  private KafkaClients() {}

  static KafkaConsumer<String, WorkUnitDispatch> consumer(WorkerSettings s, String loopId) {
    return new KafkaConsumer<>(
        consumerConfig(s, loopId),
        new StringDeserializer(),
        AvroSerdes.of(WorkUnitDispatch.class).deserializer());
  }

  static KafkaProducer<String, byte[]> producer(WorkerSettings s, String loopId) {
    return new KafkaProducer<>(
        producerConfig(s, loopId), new StringSerializer(), new ByteArraySerializer());
  }

  static Map<String, Object> consumerConfig(WorkerSettings s, String loopId) {
    Map<String, Object> c = new HashMap<>(s.clientSettings());
    c.putAll(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            s.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            s.groupId(),
            ConsumerConfig.CLIENT_ID_CONFIG,
            loopId,
            // Offsets are committed only inside a claim transaction, never on their own.
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            // The orchestrator writes dispatches transactionally: never see an aborted one, unless
            // the pool's units are pure and it starts them before the commit (ADR 025).
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            s.earlyStart() ? "read_uncommitted" : "read_committed",
            // A new pool must run work that was dispatched before it started.
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            // A poll returns at most what the loop's window can claim at once: more would be
            // fetched only to be rewound to (ADR 017); the rest waits in the fetch buffer.
            ConsumerConfig.MAX_POLL_RECORDS_CONFIG,
            s.claimWindow()));
    c.putAll(s.consumerOverrides());
    return c;
  }

  static Map<String, Object> producerConfig(WorkerSettings s, String loopId) {
    Map<String, Object> p = new HashMap<>(s.clientSettings());
    p.putAll(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            s.bootstrapServers(),
            ProducerConfig.CLIENT_ID_CONFIG,
            loopId,
            // One transactional id per loop: a restarted loop fences its own zombie.
            ProducerConfig.TRANSACTIONAL_ID_CONFIG,
            "krako-worker-" + loopId,
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all",
            // A transaction's records are sent in one burst and commitTransaction() flushes them
            // at once, so lingering never delays a commit; 5 ms lets a batch's events (claimed and
            // started per unit, and the outcomes) share a produce request.
            ProducerConfig.LINGER_MS_CONFIG,
            5,
            // Back-to-back transactions of one producer: the next one often starts while the
            // broker still writes the markers of the last, and gets CONCURRENT_TRANSACTIONS; a
            // retry after the default 100 ms made that the floor of every claim (KAFKA-5477,
            // docs/performance.md). Markers take about a millisecond on a healthy broker.
            ProducerConfig.RETRY_BACKOFF_MS_CONFIG,
            10));
    return p;
  }
}
