package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.TopicSpec;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fault tests' failure message names an open transaction and the partition it holds. */
@ExtendWith(KafkaBrokerExtension.class)
class OpenTransactionsIT {

  @Test
  void anOpenTransactionIsNamedWithThePartitionItHolds(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    String topic = names.topic("held");
    String quiet = names.topic("quiet");
    broker.createTopics(List.of(TopicSpec.of(topic, 2), TopicSpec.of(quiet, 1)));
    String transactionalId = names.transactionalId("held");
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
      producer.initTransactions();
      producer.beginTransaction();
      producer.send(new ProducerRecord<>(topic, 1, "k", "v")).get();

      String described = OpenTransactions.describe(broker, List.of(topic, quiet));

      assertThat(described)
          .contains(topic + "-1: stable 0, end 1")
          .doesNotContain(topic + "-0:")
          .doesNotContain(quiet)
          .contains(transactionalId + " ")
          .containsIgnoringCase("ongoing");
      producer.abortTransaction();
    }
  }
}
