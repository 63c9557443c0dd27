package dev.krako.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
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
    String text = ServerProperties.render(BrokerSettings.defaults(), new BrokerPorts(1, 2), DIR);

    String[] lines = text.split("\n");
    for (int i = 1; i < lines.length; i += 2) {
      assertThat(lines[i]).as("line %d", i + 1).startsWith("# ");
      assertThat(lines[i + 1]).as("line %d", i + 2).contains("=");
    }
  }

  private static Properties render(BrokerSettings settings) throws Exception {
    Properties properties = new Properties();
    properties.load(
        new StringReader(ServerProperties.render(settings, new BrokerPorts(9092, 9093), DIR)));
    return properties;
  }
}
