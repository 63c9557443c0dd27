package dev.krako.kafka.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;

/**
 * Waits until a starting broker answers an Admin client, and fails as soon as its JVM exits.
 *
 * <p>It first waits for the port to accept connections (cheap, and it keeps the Admin client from
 * logging a warning per refused connection), then for {@code describeCluster} and {@code
 * listTopics} to succeed: the broker serves requests only once it has caught up with its metadata.
 */
final class BrokerReadiness {

  /** How often the port is probed, and how long the process is watched between two tries. */
  private static final Duration POLL = Duration.ofMillis(100);

  /** The longest one Admin call may block, so that a dead child is noticed soon. */
  private static final Duration MAX_CALL = Duration.ofSeconds(2);

  private final ChildProcess child;
  private final BrokerPorts ports;
  private final Map<String, Object> clientConfig;
  private final Duration timeout;
  private final Instant deadline;

  /**
   * Waits for {@code child} until {@code timeout} after {@code started}, asking with an Admin
   * client built from {@code clientConfig} (the bootstrap address, and credentials if the broker
   * needs them).
   */
  BrokerReadiness(
      ChildProcess child,
      BrokerPorts ports,
      Map<String, Object> clientConfig,
      Instant started,
      Duration timeout) {
    this.child = child;
    this.ports = ports;
    this.clientConfig = Map.copyOf(clientConfig);
    this.timeout = timeout;
    this.deadline = started.plus(timeout);
  }

  /**
   * Returns once the broker answers.
   *
   * @throws BrokerStartupException if the child exits or the deadline passes first
   */
  void await() throws InterruptedException {
    awaitPort();
    try (Admin admin = Admin.create(adminConfig())) {
      awaitAdmin(admin);
    }
  }

  private void awaitPort() throws InterruptedException {
    InetSocketAddress address = new InetSocketAddress(BrokerPorts.HOST, ports.broker());
    while (!accepts(address)) {
      watchChild(null);
    }
  }

  private void awaitAdmin(Admin admin) throws InterruptedException {
    while (true) {
      int timeoutMs = callTimeoutMs();
      try {
        admin.describeCluster(new DescribeClusterOptions().timeoutMs(timeoutMs)).nodes().get();
        admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs)).names().get();
        return;
      } catch (ExecutionException e) {
        watchChild(e.getCause());
      }
    }
  }

  /** Waits one poll interval on the process (not a sleep: its death ends the wait at once). */
  private void watchChild(Throwable lastFailure) throws InterruptedException {
    if (child.awaitExit(POLL)) {
      throw BrokerStartupException.of(
          "The Kafka broker JVM exited with code " + child.exitValue() + " before it was ready.",
          child,
          lastFailure);
    }
    if (Instant.now().isAfter(deadline)) {
      throw BrokerStartupException.of(
          "The Kafka broker did not become ready within " + timeout.toMillis() + " ms.",
          child,
          lastFailure);
    }
  }

  private static boolean accepts(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, (int) POLL.toMillis());
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private int callTimeoutMs() {
    long left = Duration.between(Instant.now(), deadline).toMillis();
    return (int) Math.max(1, Math.min(left, MAX_CALL.toMillis()));
  }

  private Map<String, Object> adminConfig() {
    Map<String, Object> config = new HashMap<>(clientConfig);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "krako-kafka-local-readiness");
    // A starting broker may drop connections for a moment: retry fast, not after up to 1 s.
    config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
    config.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 200);
    return config;
  }
}
