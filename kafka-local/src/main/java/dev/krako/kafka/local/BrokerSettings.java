package dev.krako.kafka.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How to start a {@link LocalKafkaBroker}. Immutable: every {@code with...} method returns a copy.
 *
 * @param dataDir where the broker keeps its configuration, its log ({@code broker.log}) and its
 *     data; empty means a fresh temporary directory, deleted by {@link LocalKafkaBroker#close()}
 * @param brokerPort the client port on 127.0.0.1 (PLAINTEXT, or SASL_PLAINTEXT with {@code
 *     saslPlain}); 0 picks a free port once, at start
 * @param controllerPort the KRaft CONTROLLER port on 127.0.0.1; 0 picks a free port once
 * @param defaultPartitions {@code num.partitions} of the broker, at least 1
 * @param startupTimeout how long {@link LocalKafkaBroker#start} and {@link
 *     LocalKafkaBroker#restart()} wait for the broker to answer, format included
 * @param childMaxHeap the child JVM's maximum heap, as for {@code -Xmx}: {@code 512m}, {@code 1g}
 * @param extraServerProperties server properties added to, or replacing, the defaults
 * @param saslPlain when present, the client port is a SASL_PLAINTEXT listener that accepts these
 *     users with mechanism PLAIN, and nothing else; see {@link LocalKafkaBroker#clientConfig}
 */
public record BrokerSettings(
    Optional<Path> dataDir,
    int brokerPort,
    int controllerPort,
    int defaultPartitions,
    Duration startupTimeout,
    String childMaxHeap,
    Map<String, String> extraServerProperties,
    Optional<SaslPlainUsers> saslPlain) {

  private static final Pattern HEAP_SIZE = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

  /** Validates every component and freezes the property map. */
  public BrokerSettings {
    Objects.requireNonNull(dataDir, "dataDir");
    requirePort(brokerPort, "brokerPort");
    requirePort(controllerPort, "controllerPort");
    if (brokerPort != 0 && brokerPort == controllerPort) {
      throw new IllegalArgumentException("The broker and controller ports must differ.");
    }
    if (defaultPartitions < 1) {
      throw new IllegalArgumentException("defaultPartitions must be at least 1.");
    }
    if (startupTimeout.isNegative() || startupTimeout.isZero()) {
      throw new IllegalArgumentException("startupTimeout must be positive.");
    }
    if (!HEAP_SIZE.matcher(childMaxHeap).matches()) {
      throw new IllegalArgumentException("childMaxHeap must look like 512m or 1g: " + childMaxHeap);
    }
    extraServerProperties = Map.copyOf(extraServerProperties);
    Objects.requireNonNull(saslPlain, "saslPlain");
  }

  /**
   * A fresh temporary data directory, free ports, 6 partitions per topic, 60 s to start and a 512
   * MiB heap: enough for tests and {@code krako dev} on a 2-core machine.
   */
  public static BrokerSettings defaults() {
    return new BrokerSettings(
        Optional.empty(), 0, 0, 6, Duration.ofSeconds(60), "512m", Map.of(), Optional.empty());
  }

  /** A copy that keeps its data in {@code dir} (created if missing, never deleted by us). */
  public BrokerSettings withDataDir(Path dir) {
    return new BrokerSettings(
        Optional.of(dir),
        brokerPort,
        controllerPort,
        defaultPartitions,
        startupTimeout,
        childMaxHeap,
        extraServerProperties,
        saslPlain);
  }

  /** A copy that listens for clients on {@code port} (0 = a free port). */
  public BrokerSettings withBrokerPort(int port) {
    return new BrokerSettings(
        dataDir,
        port,
        controllerPort,
        defaultPartitions,
        startupTimeout,
        childMaxHeap,
        extraServerProperties,
        saslPlain);
  }

  /** A copy whose KRaft controller listens on {@code port} (0 = a free port). */
  public BrokerSettings withControllerPort(int port) {
    return new BrokerSettings(
        dataDir,
        brokerPort,
        port,
        defaultPartitions,
        startupTimeout,
        childMaxHeap,
        extraServerProperties,
        saslPlain);
  }

  /** A copy whose auto-sized topics get {@code partitions} partitions. */
  public BrokerSettings withDefaultPartitions(int partitions) {
    return new BrokerSettings(
        dataDir,
        brokerPort,
        controllerPort,
        partitions,
        startupTimeout,
        childMaxHeap,
        extraServerProperties,
        saslPlain);
  }

  /** A copy that waits at most {@code timeout} for the broker to answer. */
  public BrokerSettings withStartupTimeout(Duration timeout) {
    return new BrokerSettings(
        dataDir,
        brokerPort,
        controllerPort,
        defaultPartitions,
        timeout,
        childMaxHeap,
        extraServerProperties,
        saslPlain);
  }

  /** A copy whose child JVM runs with {@code -Xmx<maxHeap>}. */
  public BrokerSettings withChildMaxHeap(String maxHeap) {
    return new BrokerSettings(
        dataDir,
        brokerPort,
        controllerPort,
        defaultPartitions,
        startupTimeout,
        maxHeap,
        extraServerProperties,
        saslPlain);
  }

  /** A copy with {@code properties} replacing all previous extra server properties. */
  public BrokerSettings withExtraServerProperties(Map<String, String> properties) {
    return new BrokerSettings(
        dataDir,
        brokerPort,
        controllerPort,
        defaultPartitions,
        startupTimeout,
        childMaxHeap,
        properties,
        saslPlain);
  }

  /** A copy with one more extra server property ({@code key} replaced if already there). */
  public BrokerSettings withServerProperty(String key, String value) {
    Map<String, String> properties = new LinkedHashMap<>(extraServerProperties);
    properties.put(key, value);
    return withExtraServerProperties(properties);
  }

  /**
   * A copy whose client port accepts only SASL/PLAIN clients that log in as one of {@code users}
   * (name to password). Inter-broker traffic uses that listener too, as a reserved user {@value
   * SaslPlainUsers#BROKER_USER}; the KRaft controller port stays PLAINTEXT on loopback.
   *
   * @throws IllegalArgumentException as {@link SaslPlainUsers} does
   */
  public BrokerSettings withSaslPlain(Map<String, String> users) {
    return new BrokerSettings(
        dataDir,
        brokerPort,
        controllerPort,
        defaultPartitions,
        startupTimeout,
        childMaxHeap,
        extraServerProperties,
        Optional.of(new SaslPlainUsers(users)));
  }

  private static void requirePort(int port, String name) {
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException(name + " must be 0 (free port) or a TCP port: " + port);
    }
  }
}
