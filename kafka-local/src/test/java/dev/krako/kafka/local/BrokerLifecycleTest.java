package dev.krako.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krako.kafka.local.junit.KafkaTestNames;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Stops, kills and restarts a broker of its own: the shared one must stay up for others. */
final class BrokerLifecycleTest {

  private static LocalKafkaBroker broker;

  @BeforeAll
  static void startOwnBroker() {
    broker = LocalKafkaBroker.start(BrokerSettings.defaults().withDefaultPartitions(2));
  }

  @AfterAll
  static void closeOwnBroker() {
    Path dir = broker.dataDir();
    broker.close();
    assertThat(dir).doesNotExist();
    assertThatThrownBy(broker::restart).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void writesItsConfigurationAndLogIntoTheDataDirectory() throws Exception {
    assertThat(Files.readString(broker.dataDir().resolve("server.properties")))
        .contains("process.roles=broker,controller", "num.partitions=2");
    assertThat(Files.readString(broker.dataDir().resolve("broker.log")))
        .contains("Kafka Server started");
  }

  @Test
  void restartKeepsTopicsAndTheirData(TestInfo test) throws Exception {
    KafkaTestNames names = namesFor(test);
    String topic = names.topic("kept");
    broker.createTopics(List.of(TopicSpec.of(topic, 3)));
    List<String> sent = send(topic, 20);
    String bootstrap = broker.bootstrapServers();

    broker.restart();

    assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
    assertThat(readAll(names, topic, sent.size())).containsExactlyInAnyOrderElementsOf(sent);
  }

  @Test
  void killThenRestartRecoversTheData(TestInfo test) throws Exception {
    KafkaTestNames names = namesFor(test);
    String topic = names.topic("crash");
    broker.createTopics(List.of(TopicSpec.of(topic, 1)));
    List<String> sent = send(topic, 20);

    broker.kill();
    assertThat(broker.isRunning()).isFalse();
    broker.restart();

    assertThat(broker.isRunning()).isTrue();
    List<String> more = send(topic, 5);
    assertThat(readAll(names, topic, sent.size() + more.size()))
        .containsExactlyInAnyOrderElementsOf(concat(sent, more));
  }

  private static List<String> send(String topic, int count) throws Exception {
    List<String> values =
        IntStream.range(0, count).mapToObj(i -> topic + "-" + System.nanoTime() + "-" + i).toList();
    try (KafkaProducer<String, String> producer = KafkaClients.producer(broker)) {
      KafkaClients.sendAll(producer, topic, values);
    }
    return values;
  }

  private static List<String> readAll(KafkaTestNames names, String topic, int count) {
    try (KafkaConsumer<String, String> consumer =
        KafkaClients.consumer(broker, names.groupId("reader"), "read_committed")) {
      return KafkaClients.readUntil(consumer, topic, values -> values.size() >= count);
    }
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
  }

  private static KafkaTestNames namesFor(TestInfo test) {
    return KafkaTestNames.forTest(
        BrokerLifecycleTest.class.getSimpleName(), test.getTestMethod().orElseThrow().getName());
  }
}
