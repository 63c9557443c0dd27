package dev.krako.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.krako.kafka.local.junit.KafkaTestNames;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.security.JaasContext;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * A broker of its own with a SASL/PLAIN client listener (the shared broker stays PLAINTEXT for the
 * rest of the suite): the right credentials work, wrong ones are refused, no password is logged.
 */
final class SaslPlainBrokerTest {

  private static final String ALICE_PASSWORD = "alice-Pa55-\"quoted\"-and\\-backslash";
  private static final String BOB_PASSWORD = "bob-s3cret-passphrase";
  private static final String WRONG_PASSWORD = "not-alice-s-password";

  /** Every refusal must show within this bound; the clients' own default is 60 s. */
  private static final Duration REFUSAL_BOUND = Duration.ofSeconds(30);

  /** How long a client that is never told "no" keeps trying here. */
  private static final Duration NO_ANSWER_TIMEOUT = Duration.ofSeconds(5);

  private static CapturedLogs logs;
  private static LocalKafkaBroker broker;

  @BeforeAll
  static void startSaslBroker() {
    logs = new CapturedLogs();
    broker =
        LocalKafkaBroker.start(
            BrokerSettings.defaults()
                .withDefaultPartitions(1)
                .withSaslPlain(Map.of("alice", ALICE_PASSWORD, "bob", BOB_PASSWORD)));
  }

  @AfterAll
  static void closeSaslBroker() {
    try {
      broker.close();
    } finally {
      logs.close();
    }
  }

  @Test
  void usersWithTheirPasswordsProduceAndConsume(TestInfo test) throws Exception {
    KafkaTestNames names = namesFor(test);
    String topic = names.topic("secured");
    broker.createTopics(List.of(TopicSpec.of(topic, 1)));

    try (KafkaProducer<String, String> producer = producer(broker.clientConfig("alice"))) {
      producer.send(new ProducerRecord<>(topic, "k", "through SASL")).get(30, TimeUnit.SECONDS);
    }
    Map<String, Object> bob = broker.clientConfig("bob");
    bob.put(ConsumerConfig.GROUP_ID_CONFIG, names.groupId("reader"));
    bob.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> consumer = consumer(bob)) {
      assertThat(KafkaClients.readUntil(consumer, topic, values -> !values.isEmpty()))
          .containsExactly("through SASL");
    }
  }

  @Test
  void aWrongPasswordIsRefusedWithAnAuthenticationError(TestInfo test) {
    KafkaTestNames names = namesFor(test);
    Map<String, Object> wrong = withPassword(broker.clientConfig("alice"), WRONG_PASSWORD);

    try (KafkaProducer<String, String> producer = producer(wrong)) {
      assertThatThrownBy(
              () ->
                  producer
                      .send(new ProducerRecord<>(names.topic("any"), "k", "v"))
                      .get(REFUSAL_BOUND.toSeconds(), TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(SaslAuthenticationException.class)
          .hasMessageContaining("Invalid username or password");
    }
    wrong.put(ConsumerConfig.GROUP_ID_CONFIG, names.groupId("intruder"));
    try (KafkaConsumer<String, String> consumer = consumer(wrong)) {
      consumer.subscribe(List.of(names.topic("any")));
      assertThatThrownBy(() -> consumer.poll(REFUSAL_BOUND))
          .isInstanceOf(SaslAuthenticationException.class);
    }
  }

  @Test
  void anUnknownUserAndEmptyCredentialsAreRefusedWithAnAuthenticationError() {
    assertThatThrownBy(() -> broker.clientConfig("mallory"))
        .isInstanceOf(IllegalArgumentException.class);
    for (String user : List.of("mallory", "")) {
      Map<String, Object> config = broker.clientConfig("alice");
      config.put(
          SaslConfigs.SASL_JAAS_CONFIG,
          "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
              + user
              + "\" password=\""
              + (user.isEmpty() ? "" : WRONG_PASSWORD)
              + "\";");

      assertThatThrownBy(() -> describeCluster(config))
          .as("user '%s'", user)
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(SaslAuthenticationException.class);
    }
  }

  /**
   * A client that does not speak SASL gets no error from Kafka: the broker closes the connection at
   * its first request after ApiVersions, and the client retries until its own timeout.
   */
  @Test
  void aClientThatDoesNotLogInIsDisconnectedUntilItTimesOut() {
    Map<String, Object> plain = new HashMap<>();
    plain.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());

    assertThatThrownBy(() -> describeCluster(plain, NO_ANSWER_TIMEOUT))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(TimeoutException.class);
    await()
        .atMost(REFUSAL_BOUND)
        .untilAsserted(
            () ->
                assertThat(brokerLog())
                    .contains("Unexpected Kafka request of type METADATA during SASL handshake"));
  }

  @Test
  void noPasswordAppearsInTheBrokersOutputNorInOurLogs() throws Exception {
    // A refused login of our own first, so that the broker's refusal lines are in its output.
    Map<String, Object> wrong = withPassword(broker.clientConfig("bob"), WRONG_PASSWORD);
    assertThatThrownBy(() -> describeCluster(wrong)).isInstanceOf(ExecutionException.class);
    String brokerPassword = passwordOf(broker.adminClientConfig());
    await()
        .atMost(REFUSAL_BOUND)
        .untilAsserted(() -> assertThat(brokerLog()).contains("Failed authentication"));

    String brokerOutput = brokerLog();
    List<String> ourLogs = logs.lines();

    // Alice's password is escaped in JAAS text: its prefix would show an escaped copy too.
    List<String> passwords =
        List.of(ALICE_PASSWORD, "alice-Pa55", BOB_PASSWORD, WRONG_PASSWORD, brokerPassword);
    assertThat(brokerOutput).doesNotContain(passwords);
    assertThat(ourLogs)
        .anySatisfy(line -> assertThat(line).contains("sasl.jaas.config = [hidden]"))
        .allSatisfy(line -> assertThat(line).doesNotContain(passwords));
  }

  /** Everything the broker's JVM printed so far. */
  private static String brokerLog() throws IOException {
    return Files.readString(broker.dataDir().resolve("broker.log"));
  }

  private static Map<String, Object> withPassword(Map<String, Object> config, String password) {
    String jaas = (String) config.get(SaslConfigs.SASL_JAAS_CONFIG);
    config.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        jaas.substring(0, jaas.indexOf(" password=")) + " password=\"" + password + "\";");
    return config;
  }

  /** The password in a client configuration, as Kafka's own JAAS parser reads it. */
  private static String passwordOf(Map<String, Object> config) {
    Password jaas = new Password((String) config.get(SaslConfigs.SASL_JAAS_CONFIG));
    return (String)
        JaasContext.loadClientContext(Map.of(SaslConfigs.SASL_JAAS_CONFIG, jaas))
            .configurationEntries()
            .get(0)
            .getOptions()
            .get("password");
  }

  private static void describeCluster(Map<String, Object> config) throws Exception {
    describeCluster(config, REFUSAL_BOUND);
  }

  /** Fails, if it fails, as Kafka reports it: an ExecutionException, at the latest at timeout. */
  private static void describeCluster(Map<String, Object> config, Duration timeout)
      throws Exception {
    Admin admin = Admin.create(config);
    try {
      admin
          .describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()))
          .nodes()
          .get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } finally {
      admin.close(Duration.ofSeconds(5));
    }
  }

  private static KafkaProducer<String, String> producer(Map<String, Object> config) {
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REFUSAL_BOUND.toMillis());
    return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
  }

  private static KafkaConsumer<String, String> consumer(Map<String, Object> config) {
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }

  private static KafkaTestNames namesFor(TestInfo test) {
    return KafkaTestNames.forTest(
        SaslPlainBrokerTest.class.getSimpleName(), test.getTestMethod().orElseThrow().getName());
  }
}
