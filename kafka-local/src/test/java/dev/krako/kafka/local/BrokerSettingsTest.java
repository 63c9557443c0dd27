package dev.krako.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class BrokerSettingsTest {

  @Test
  void defaultsSuitASmallMachine() {
    BrokerSettings defaults = BrokerSettings.defaults();

    assertThat(defaults.dataDir()).isEmpty();
    assertThat(defaults.brokerPort()).isZero();
    assertThat(defaults.controllerPort()).isZero();
    assertThat(defaults.defaultPartitions()).isEqualTo(6);
    assertThat(defaults.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.childMaxHeap()).isEqualTo("512m");
    assertThat(defaults.extraServerProperties()).isEmpty();
    assertThat(defaults.saslPlain()).isEmpty();
  }

  @Test
  void withMethodsChangeOneComponentEach() {
    BrokerSettings settings =
        BrokerSettings.defaults()
            .withDataDir(Path.of("/tmp/b"))
            .withBrokerPort(19092)
            .withControllerPort(19093)
            .withDefaultPartitions(3)
            .withStartupTimeout(Duration.ofSeconds(5))
            .withChildMaxHeap("1g")
            .withServerProperty("a", "1")
            .withServerProperty("b", "2")
            .withSaslPlain(Map.of("alice", "secret-a"));

    assertThat(settings)
        .isEqualTo(
            new BrokerSettings(
                Optional.of(Path.of("/tmp/b")),
                19092,
                19093,
                3,
                Duration.ofSeconds(5),
                "1g",
                Map.of("a", "1", "b", "2"),
                Optional.of(new SaslPlainUsers(Map.of("alice", "secret-a")))));
  }

  @Test
  void rejectsNonsense() {
    BrokerSettings defaults = BrokerSettings.defaults();

    assertThatThrownBy(() -> defaults.withBrokerPort(70_000))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withBrokerPort(9092).withControllerPort(9092))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withDefaultPartitions(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withStartupTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withChildMaxHeap("-Xmx512m"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void resolvesFreeDistinctPortsAndKeepsFixedOnes() {
    BrokerPorts free = BrokerPorts.resolve(BrokerSettings.defaults());
    BrokerPorts fixed =
        BrokerPorts.resolve(BrokerSettings.defaults().withBrokerPort(19092).withControllerPort(0));

    assertThat(free.broker()).isPositive().isNotEqualTo(free.controller());
    assertThat(fixed.broker()).isEqualTo(19092);
    assertThat(fixed.controller()).isPositive();
    assertThat(free.bootstrapServers()).isEqualTo("127.0.0.1:" + free.broker());
  }
}
