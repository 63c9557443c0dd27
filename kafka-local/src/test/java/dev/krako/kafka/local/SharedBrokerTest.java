package dev.krako.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.kafka.local.junit.WithKafkaBroker;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

/** Produces to and consumes from the shared broker, plainly and in transactions. */
@WithKafkaBroker
final class SharedBrokerTest {

  @Test
  void isPlaintextAndOffersNoSaslLogin(LocalKafkaBroker broker) {
    assertThat(broker.adminClientConfig())
        .containsOnlyKeys(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
    assertThatThrownBy(() -> broker.clientConfig("alice"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no SASL/PLAIN listener");
  }

  @Test
  void consumesEveryRecordProducedWithAcksAllAndIdempotence(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    String topic = names.topic("events");
    broker.createTopics(List.of(TopicSpec.of(topic, 3)));
    List<String> sent = IntStream.range(0, 100).mapToObj(i -> "record-" + i).toList();

    try (KafkaProducer<String, String> producer = KafkaClients.producer(broker)) {
      KafkaClients.sendAll(producer, topic, sent);
    }
    List<String> read;
    try (KafkaConsumer<String, String> consumer =
        KafkaClients.consumer(broker, names.groupId("reader"), "read_uncommitted")) {
      read = KafkaClients.readUntil(consumer, topic, values -> values.size() >= sent.size());
    }

    assertThat(read).containsExactlyInAnyOrderElementsOf(sent);
    try (Admin admin = Admin.create(broker.adminClientConfig())) {
      assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions())
          .hasSize(3);
    }
  }

  @Test
  void readCommittedConsumerSeesCommittedTransactionsOnly(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    String topic = names.topic("transactions");
    broker.createTopics(List.of(TopicSpec.of(topic, 3)));

    try (KafkaProducer<String, String> producer =
        KafkaClients.transactionalProducer(broker, names.transactionalId("writer"))) {
      producer.initTransactions();
      inTransaction(producer, topic, List.of("committed-1", "committed-2"), true);
      inTransaction(producer, topic, List.of("aborted-1", "aborted-2"), false);
      // Committed after the aborted batch: seeing it proves the reader got past the abort.
      inTransaction(producer, topic, List.of("committed-3"), true);
    }

    try (KafkaConsumer<String, String> committed =
        KafkaClients.consumer(broker, names.groupId("committed"), "read_committed")) {
      List<String> read = KafkaClients.readUntil(committed, topic, v -> v.contains("committed-3"));
      assertThat(read).containsExactlyInAnyOrder("committed-1", "committed-2", "committed-3");
    }
    // The aborted records were written: only the isolation level hides them.
    try (KafkaConsumer<String, String> uncommitted =
        KafkaClients.consumer(broker, names.groupId("uncommitted"), "read_uncommitted")) {
      List<String> read = KafkaClients.readUntil(uncommitted, topic, v -> v.size() >= 5);
      assertThat(Set.copyOf(read)).contains("aborted-1", "aborted-2");
    }
  }

  @Test
  void createTopicsIsIdempotent(LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    String topic = names.topic("twice");
    broker.createTopics(List.of(TopicSpec.of(topic, 2).withConfig("cleanup.policy", "compact")));
    broker.createTopics(List.of(TopicSpec.of(topic, 2)));

    try (Admin admin = Admin.create(broker.adminClientConfig())) {
      assertThat(admin.listTopics().names().get()).contains(topic);
    }
  }

  private static void inTransaction(
      KafkaProducer<String, String> producer, String topic, List<String> values, boolean commit)
      throws Exception {
    producer.beginTransaction();
    KafkaClients.sendAll(producer, topic, values);
    if (commit) {
      producer.commitTransaction();
    } else {
      producer.abortTransaction();
    }
  }
}
