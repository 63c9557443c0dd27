package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionStatus;
import dev.krako.events.EventIds;
import dev.krako.kafka.local.BrokerSettings;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole system against a broker that only speaks SASL/PLAIN (issue 9, security): every client
 * Krako makes — the five Streams applications, the worker nodes' consumers and transactional
 * producers, the health producer — gets its credentials from the one client configuration ({@code
 * --kafka-config} in a deployment), and a graph goes all the way to its result.
 */
class SaslKrakoIT {

  private static final String PASSWORD = "krako-" + UUID.randomUUID();

  private static LocalKafkaBroker broker;

  @TempDir Path dir;

  @BeforeAll
  static void startSaslBroker() {
    broker =
        LocalKafkaBroker.start(
            BrokerSettings.defaults()
                .withDefaultPartitions(1)
                .withSaslPlain(Map.of("krako", PASSWORD)));
  }

  @AfterAll
  static void closeSaslBroker() {
    if (broker != null) {
      broker.close();
    }
  }

  @Test
  void aGraphRunsToItsResultWhenEveryClientMustLogIn() throws Exception {
    Map<String, Object> login = new HashMap<>(broker.clientConfig("krako"));
    String bootstrap = (String) login.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
    TopicNames names = TopicNames.defaults().withPrefix("sasl.");
    KrakoTopics topics = new KrakoTopics(names);
    broker.createTopics(KrakoTopicSpecs.all(names, 2));
    KrakoSystem.Settings settings =
        new KrakoSystem.Settings(bootstrap, names, dir.resolve("state"), "sasl.", 1, "127.0.0.1", 0)
            .withKafkaConfig(login);

    try (KrakoSystem system = KrakoSystem.start(settings);
        KafkaProducer<String, byte[]> producer =
            new KafkaProducer<>(
                withLogin(login, bootstrap), new StringSerializer(), new ByteArraySerializer());
        KafkaConsumer<String, byte[]> results =
            new KafkaConsumer<>(
                withLogin(
                    login,
                    bootstrap,
                    ConsumerConfig.GROUP_ID_CONFIG,
                    "sasl-reader",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                    "earliest",
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                    "read_committed"),
                new StringDeserializer(),
                new ByteArrayDeserializer())) {
      producer
          .send(
              new ProducerRecord<>(
                  names.taskGraphs(),
                  "sasl-1",
                  Graphs.chain("sasl-1", "req-sasl-1").getBytes(StandardCharsets.UTF_8)))
          .get();
      results.subscribe(List.of(names.results()));
      String session = EventIds.sessionId(KrakoRun.TENANT, "req-sasl-1");
      SessionResult[] seen = new SessionResult[1];
      await()
          .atMost(Duration.ofSeconds(120))
          .until(
              () -> {
                for (ConsumerRecord<String, byte[]> r : results.poll(Duration.ofMillis(200))) {
                  SessionResult result =
                      topics
                          .results()
                          .valueSerde()
                          .deserializer()
                          .deserialize(r.topic(), r.value());
                  if (result.getSessionId().equals(session)) {
                    seen[0] = result;
                  }
                }
                return seen[0] != null;
              });

      assertThat(seen[0].getStatus()).isEqualTo(SessionStatus.completed);
      assertThat(system.failure()).isNotDone();
    }
  }

  private static Map<String, Object> withLogin(
      Map<String, Object> login, String bootstrap, Object... more) {
    Map<String, Object> config = new HashMap<>(login);
    config.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    for (int i = 0; i < more.length; i += 2) {
      config.put((String) more[i], more[i + 1]);
    }
    return config;
  }
}
