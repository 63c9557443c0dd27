package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.topics.TopicNames;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code krako topics create} against the real broker: creates, then is idempotent and raises. */
@ExtendWith(KafkaBrokerExtension.class)
class TopicsCreateIT {

  @Test
  void createsTheTopicsThenRaisesButNeverLowersTheirPartitions(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    String prefix = names.topic("t") + ".";
    TopicNames topics = TopicNames.defaults().withPrefix(prefix);

    String first = create(broker, prefix, "2");
    assertThat(first).contains("created " + topics.events() + " with 2 partitions");
    // Every topic of the application, each with the partitions KrakoTopicSpecs gives it (the
    // admission topics keep one: the mode is one value for the whole cluster).
    assertPartitions(broker, topics, 2);
    assertThat(config(broker, topics.ledger(), "retention.ms")).isEqualTo("-1");
    assertThat(config(broker, topics.nodesTrust(), "cleanup.policy")).isEqualTo("compact");

    String again = create(broker, prefix, "2");
    assertThat(again)
        .contains(topics.events() + " already has 2 partitions")
        .doesNotContain("created");

    String raised = create(broker, prefix, "4");
    assertThat(raised).contains("raised " + topics.dispatchCpu() + " from 2 to 4 partitions");
    assertPartitions(broker, topics, 4);

    String lower = create(broker, prefix, "3");
    assertThat(lower).contains("more than asked: kept");
    assertThat(partitions(broker, topics)).isEqualTo(expected(topics, 4));
  }

  /**
   * The controller acknowledges new partitions before the broker's metadata cache shows them, so a
   * describe right after the command may still see the old count (it did in CI): wait for it.
   */
  private static void assertPartitions(LocalKafkaBroker broker, TopicNames topics, int partitions) {
    Map<String, Integer> expected = expected(topics, partitions);
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(partitions(broker, topics)).isEqualTo(expected));
  }

  private static java.util.Map<String, Integer> expected(TopicNames topics, int partitions) {
    java.util.Map<String, Integer> expected = new java.util.TreeMap<>();
    KrakoTopicSpecs.all(topics, partitions).forEach(t -> expected.put(t.name(), t.partitions()));
    assertThat(expected).hasSize(topics.all().size());
    return expected;
  }

  /** Runs the command as a person would; asserts it succeeded and returns what it printed. */
  private static String create(LocalKafkaBroker broker, String prefix, String partitions) {
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      int code =
          new CommandLine(new KrakoCommand())
              .execute(
                  "topics",
                  "create",
                  "--bootstrap-servers",
                  broker.bootstrapServers(),
                  "--topic-prefix",
                  prefix,
                  "--partitions",
                  partitions);
      assertThat(code).isEqualTo(KrakoCommand.OK);
    } finally {
      System.setOut(out);
    }
    return printed.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, Integer> partitions(LocalKafkaBroker broker, TopicNames topics)
      throws Exception {
    try (Admin admin = Admin.create(broker.adminClientConfig())) {
      return admin.describeTopics(topics.all()).allTopicNames().get().values().stream()
          .collect(Collectors.toMap(TopicDescription::name, d -> d.partitions().size()));
    }
  }

  private static String config(LocalKafkaBroker broker, String topic, String key) throws Exception {
    try (Admin admin = Admin.create(broker.adminClientConfig())) {
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      return admin
          .describeConfigs(java.util.List.of(resource))
          .all()
          .get()
          .get(resource)
          .get(key)
          .value();
    }
  }
}
