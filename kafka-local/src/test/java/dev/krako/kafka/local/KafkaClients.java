package dev.krako.kafka.local;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Producers and consumers of string records for the tests of this module. */
final class KafkaClients {

  private KafkaClients() {}

  /** An idempotent producer that waits for all in-sync replicas. */
  static KafkaProducer<String, String> producer(LocalKafkaBroker broker) {
    Map<String, Object> config = broker.adminClientConfig();
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /** A transactional producer with {@code transactionalId}. */
  static KafkaProducer<String, String> transactionalProducer(
      LocalKafkaBroker broker, String transactionalId) {
    Map<String, Object> config = broker.adminClientConfig();
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  /** A consumer in group {@code groupId} that starts from the earliest offset. */
  static KafkaConsumer<String, String> consumer(
      LocalKafkaBroker broker, String groupId, String isolationLevel) {
    Map<String, Object> config = new HashMap<>(broker.adminClientConfig());
    config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  /** Sends {@code values} keyed by themselves and waits for every acknowledgement. */
  static void sendAll(KafkaProducer<String, String> producer, String topic, List<String> values)
      throws Exception {
    List<Future<?>> sent = new ArrayList<>();
    for (String value : values) {
      sent.add(producer.send(new ProducerRecord<>(topic, value, value)));
    }
    for (Future<?> future : sent) {
      future.get();
    }
  }

  /**
   * Subscribes to {@code topic} and polls until {@code done} holds for the values read so far (at
   * most 60 s), then returns them.
   */
  static List<String> readUntil(
      KafkaConsumer<String, String> consumer, String topic, Predicate<List<String>> done) {
    List<String> values = new ArrayList<>();
    consumer.subscribe(List.of(topic));
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ZERO)
        // A consumer belongs to one thread: poll it where it was created.
        .pollInSameThread()
        .until(
            () -> {
              for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                values.add(record.value());
              }
              return done.test(values);
            });
    return values;
  }
}
