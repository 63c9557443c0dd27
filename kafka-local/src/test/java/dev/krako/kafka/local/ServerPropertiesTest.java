package dev.krako.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.network.ListenerName;
import org.apache.kafka.common.security.JaasContext;
import org.junit.jupiter.api.Test;

final class ServerPropertiesTest {

  private static final DataDir DIR = new DataDir(Path.of("/data/broker"), false);

  @Test
  void configuresASingleLoopbackKraftNode() throws Exception {
    Properties properties = render(BrokerSettings.defaults());

    assertThat(properties)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("node.id", "1")
        .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:9093")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
        .containsEntry("controller.listener.names", "CONTROLLER")
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("share.coordinator.state.topic.replication.factor", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0")
        .containsEntry("log.dirs", "/data/broker/kraft-logs")
        .containsEntry("num.partitions", "6")
        .containsEntry("auto.create.topics.enable", "false");
  }

  @Test
  void extraPropertiesReplaceDefaults() throws Exception {
    Properties properties =
        render(
            BrokerSettings.defaults()
                .withDefaultPartitions(3)
                .withServerProperty("num.io.threads", "4")
                .withServerProperty("log.retention.ms", "60000"));

    assertThat(properties)
        .containsEntry("num.partitions", "3")
        .containsEntry("num.io.threads", "4")
        .containsEntry("log.retention.ms", "60000");
  }

  @Test
  void everySettingCarriesItsReason() {
    String text =
        ServerProperties.render(
            BrokerSettings.defaults(), new BrokerPorts(1, 2), DIR, Optional.empty());

    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i += 2) {
      assertThat(lines[i]).as("line %d", i + 1).startsWith("# ");
      assertThat(lines[i + 1]).as("line %d", i + 2).contains("=");
    }
  }

  @Test
  void saslPlainMakesTheClientPortTheOnlyLoginListener() throws Exception {
    BrokerSettings settings = BrokerSettings.defaults().withSaslPlain(Map.of("alice", "a"));

    Properties properties =
        render(settings, Optional.of(SaslPlainListener.create(settings.saslPlain().get())));

    assertThat(properties)
        .containsEntry("listeners", "SASL_PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
        .containsEntry(
            "listener.security.protocol.map", "CONTROLLER:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT")
        .containsEntry("inter.broker.listener.name", "SASL_PLAINTEXT")
        .containsEntry("sasl.mechanism.inter.broker.protocol", "PLAIN")
        .containsEntry("sasl.enabled.mechanisms", "PLAIN");
  }

  @Test
  void passwordsSurviveThePropertiesFileAndKafkasJaasParser() throws Exception {
    String tricky = "a \\\"quoted\\\" back\\slash; user_x=\"y\" // not a comment \\n";
    BrokerSettings settings =
        BrokerSettings.defaults().withSaslPlain(Map.of("alice", tricky, "bob.b-2_", "b"));
    SaslPlainListener listener = SaslPlainListener.create(settings.saslPlain().get());

    Properties properties = render(settings, Optional.of(listener));
    Map<String, Object> server =
        options(
            JaasContext.loadServerContext(
                new ListenerName("SASL_PLAINTEXT"),
                "PLAIN",
                // What the broker passes: its listener's configs, prefix removed, parsed.
                Map.of(
                    "plain.sasl.jaas.config",
                    new Password(
                        properties.getProperty(
                            "listener.name.sasl_plaintext.plain.sasl.jaas.config")))));
    Map<String, Object> client =
        options(
            JaasContext.loadClientContext(
                Map.of(
                    "sasl.jaas.config",
                    new Password(listener.clientProperties("alice").get("sasl.jaas.config")))));

    assertThat(server)
        .containsEntry("user_alice", tricky)
        .containsEntry("user_bob.b-2_", "b")
        .containsEntry("username", SaslPlainUsers.BROKER_USER)
        .doesNotContainKey("user_x");
    assertThat(server.get("user_" + SaslPlainUsers.BROKER_USER)).isEqualTo(server.get("password"));
    assertThat(client).containsEntry("username", "alice").containsEntry("password", tricky);
  }

  private static Properties render(BrokerSettings settings) throws Exception {
    return render(settings, Optional.empty());
  }

  private static Properties render(BrokerSettings settings, Optional<SaslPlainListener> listener)
      throws Exception {
    Properties properties = new Properties();
    properties.load(
        new StringReader(
            ServerProperties.render(settings, new BrokerPorts(9092, 9093), DIR, listener)));
    return properties;
  }

  private static Map<String, Object> options(JaasContext context) {
    assertThat(context.configurationEntries()).hasSize(1);
    return new HashMap<>(context.configurationEntries().get(0).getOptions());
  }
}
