package dev.krako.cli;

import dev.krako.topics.TopicNames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where the Kafka cluster is and how to reach it: the options {@code krako serve} and {@code krako
 * topics create} share (each also read from its environment variable, {@link EnvDefaults}).
 */
final class ClusterOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT,...",
      description = "Kafka bootstrap servers (required; env KRAKO_BOOTSTRAP_SERVERS).")
  String bootstrapServers;

  @Option(
      names = "--kafka-config",
      paramLabel = "FILE",
      description =
          "A Java properties file of Kafka client settings (security.protocol, sasl.*, ssl.*)"
              + " applied to every Kafka client (env KRAKO_KAFKA_CONFIG).")
  Path kafkaConfig;

  @Option(
      names = "--topic-prefix",
      paramLabel = "P",
      defaultValue = "",
      description =
          "Prefix of every topic name, application id and consumer group (env"
              + " KRAKO_TOPIC_PREFIX; default: none).")
  String topicPrefix;

  /**
   * The bootstrap servers.
   *
   * @throws IllegalArgumentException when none were given
   */
  String requireBootstrapServers() {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException(
          "Give the Kafka bootstrap servers: --bootstrap-servers or KRAKO_BOOTSTRAP_SERVERS.");
    }
    return bootstrapServers.strip();
  }

  Map<String, Object> clientSettings() throws IOException {
    return KafkaConfigFile.read(kafkaConfig);
  }

  TopicNames topicNames() {
    return TopicNames.defaults().withPrefix(topicPrefix);
  }
}
