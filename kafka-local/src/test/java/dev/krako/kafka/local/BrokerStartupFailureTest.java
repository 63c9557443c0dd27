package dev.krako.kafka.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker that cannot start says why, and leaves no process behind. */
final class BrokerStartupFailureTest {

  @Test
  void aTakenPortFailsFastWithTheBrokerLogAndCommandLine(@TempDir Path dir) throws Exception {
    Set<Long> childrenBefore = childPids();
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      BrokerSettings settings =
          BrokerSettings.defaults().withDataDir(dir).withBrokerPort(taken.getLocalPort());

      assertThatThrownBy(() -> LocalKafkaBroker.start(settings))
          .isInstanceOf(BrokerStartupException.class)
          .hasMessageContaining("exited with code")
          .hasMessageContaining("Command: ")
          .hasMessageContaining(BrokerMain.class.getName())
          .hasMessageContaining("Last 40 lines of " + dir.resolve("broker.log"))
          .hasMessageContaining("Address already in use");
    }
    assertThat(childPids()).isSubsetOf(childrenBefore);
  }

  @Test
  void aStartupTimeoutKillsTheChildAndSaysSo(@TempDir Path dir) {
    Set<Long> childrenBefore = childPids();
    BrokerSettings settings =
        BrokerSettings.defaults().withDataDir(dir).withStartupTimeout(Duration.ofMillis(300));

    assertThatThrownBy(() -> LocalKafkaBroker.start(settings))
        .isInstanceOf(BrokerStartupException.class)
        .hasMessageContaining("within")
        .hasMessageContaining("Command: ");
    assertThat(childPids()).isSubsetOf(childrenBefore);
  }

  private static Set<Long> childPids() {
    return ProcessHandle.current()
        .children()
        .filter(ProcessHandle::isAlive)
        .map(ProcessHandle::pid)
        .collect(Collectors.toSet());
  }
}
