package dev.krako.kafka.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Apache Kafka KRaft broker (broker and controller in one process), run in a
 * child JVM so that it can be killed and restarted, and so that its memory and GC stay apart from
 * ours. It listens on 127.0.0.1 only: for clients on one port, PLAINTEXT by default or
 * SASL_PLAINTEXT with {@link BrokerSettings#withSaslPlain}, and for KRaft on a PLAINTEXT controller
 * port.
 *
 * <p>The ports are chosen once, at {@link #start}: {@link #restart()} reuses them and the data
 * directory, so clients keep their bootstrap address and topics keep their data. The child's output
 * goes to {@code broker.log} in the data directory, never to our console. Should this JVM exit (or
 * be killed) without {@link #close()}, the child stops too.
 *
 * <p>Thread-safe: lifecycle methods are serialized.
 */
public final class LocalKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaBroker.class);

  /** Kafka's own shutdown of one node takes a few seconds; past this it is hung. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private static final Duration TOPIC_TIMEOUT = Duration.ofSeconds(30);

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final BrokerSettings settings;
  private final DataDir dir;
  private final BrokerPorts ports;
  private final Optional<SaslPlainListener> sasl;
  private ChildProcess child;
  private boolean closed;

  private LocalKafkaBroker(BrokerSettings settings, DataDir dir, BrokerPorts ports) {
    this.settings = settings;
    this.dir = dir;
    this.ports = ports;
    this.sasl = settings.saslPlain().map(SaslPlainListener::create);
  }

  /**
   * Formats the data directory if needed, starts the broker and returns once it answers an Admin
   * client.
   *
   * @throws BrokerStartupException if it does not answer within {@code settings.startupTimeout()};
   *     the message holds the command line and the last lines of {@code broker.log}
   */
  public static LocalKafkaBroker start(BrokerSettings settings) {
    DataDir dir = DataDir.prepare(settings.dataDir());
    LocalKafkaBroker broker = new LocalKafkaBroker(settings, dir, BrokerPorts.resolve(settings));
    try {
      broker.launch();
      return broker;
    } catch (RuntimeException e) {
      dir.deleteIfOwned();
      throw e;
    }
  }

  /** The {@code bootstrap.servers} value for clients: {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return ports.bootstrapServers();
  }

  /** The broker's client and controller ports, stable across restarts. */
  public BrokerPorts ports() {
    return ports;
  }

  /** Where the broker keeps its configuration, {@code broker.log} and data. */
  public Path dataDir() {
    return dir.root();
  }

  /**
   * A fresh, mutable client configuration that reaches this broker; add to it freely. On a broker
   * with {@link BrokerSettings#withSaslPlain SASL/PLAIN} it logs in as the broker's own reserved
   * user ({@value SaslPlainUsers#BROKER_USER}); {@link #clientConfig} logs in as one of yours.
   */
  public Map<String, Object> adminClientConfig() {
    Map<String, Object> config = bootstrapOnly();
    sasl.ifPresent(listener -> config.putAll(listener.brokerClientProperties()));
    return config;
  }

  /**
   * A fresh, mutable client configuration that logs in to this broker's SASL/PLAIN listener as
   * {@code user}: {@code bootstrap.servers}, {@code security.protocol}, {@code sasl.mechanism} and
   * {@code sasl.jaas.config}. The last holds the password: Kafka's clients log it as {@code
   * [hidden]}, and nobody else should log it at all.
   *
   * @throws IllegalStateException if the broker was started without {@link
   *     BrokerSettings#withSaslPlain}
   * @throws IllegalArgumentException if {@code user} is not one of its users
   */
  public Map<String, Object> clientConfig(String user) {
    SaslPlainListener listener =
        sasl.orElseThrow(
            () -> new IllegalStateException("This broker has no SASL/PLAIN listener: " + this));
    Map<String, Object> config = bootstrapOnly();
    config.putAll(listener.clientProperties(user));
    return config;
  }

  /** True while the broker's JVM runs (it may still be starting or stopping). */
  public synchronized boolean isRunning() {
    return child != null && child.isAlive();
  }

  /**
   * Creates the topics that do not exist yet, and returns once every partition of every topic has a
   * leader. Existing topics are left as they are, whatever their partition count.
   *
   * @throws LocalKafkaException if that does not happen within 30 s
   */
  public void createTopics(Collection<TopicSpec> topics) {
    try (Admin admin = Admin.create(adminClientConfig())) {
      new TopicProvisioner(admin, TOPIC_TIMEOUT).create(topics);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("Interrupted while creating topics " + topics + ".", e);
    }
  }

  /**
   * Stops the broker (if running) and starts it again on the same ports and data.
   *
   * @throws BrokerStartupException as {@link #start} does
   * @throws IllegalStateException if the broker was closed
   */
  public synchronized void restart() {
    if (closed) {
      throw new IllegalStateException("A closed broker cannot restart: " + this);
    }
    stop();
    launch();
  }

  /**
   * Stops the broker gracefully: SIGTERM, then SIGKILL if it is still running after 30 s. Returns
   * once its JVM is gone. Does nothing if it is not running.
   */
  public synchronized void stop() {
    if (child == null) {
      return;
    }
    long started = System.nanoTime();
    try {
      child.stop(STOP_GRACE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("Interrupted while stopping the Kafka broker.", e);
    } finally {
      child = null;
    }
    LOG.info("The Kafka broker at {} stopped in {} ms.", bootstrapServers(), millisSince(started));
  }

  /**
   * Kills the broker with SIGKILL, as a crash would, and returns once its JVM is gone. Its data
   * stays for {@link #restart()}. Does nothing if it is not running.
   */
  public synchronized void kill() {
    if (child == null) {
      return;
    }
    try {
      child.kill();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("Interrupted while killing the Kafka broker.", e);
    } finally {
      child = null;
    }
    LOG.info("The Kafka broker at {} was killed.", bootstrapServers());
  }

  /** Stops the broker, then deletes the data directory if it was a temporary one we created. */
  @Override
  public synchronized void close() {
    closed = true;
    stop();
    dir.deleteIfOwned();
  }

  @Override
  public String toString() {
    return "LocalKafkaBroker[" + bootstrapServers() + ", " + dir.root() + "]";
  }

  private synchronized void launch() {
    long started = System.nanoTime();
    Instant startedAt = Instant.now();
    writeConfiguration();
    // A restart must reuse the data: format only a directory that never was.
    boolean format = !dir.isFormatted();
    ChildProcess broker =
        ChildProcess.launch(BrokerCommands.broker(settings, dir, format), dir.brokerLog());
    LOG.info(
        "Starting a Kafka broker at {} (controller port {}, pid {}); its log is {}.",
        bootstrapServers(),
        ports.controller(),
        broker.pid(),
        dir.brokerLog());
    try {
      awaitReady(broker, startedAt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LocalKafkaException("Interrupted while starting the Kafka broker.", e);
    }
    child = broker;
    LOG.info(
        "The Kafka broker at {} is ready after {} ms ({}), data in {}.",
        bootstrapServers(),
        millisSince(started),
        format ? "storage formatted first" : "existing storage reused",
        dir.root());
  }

  /** Waits for the broker; on failure kills it, since nobody else holds it. */
  private void awaitReady(ChildProcess broker, Instant startedAt) throws InterruptedException {
    try {
      new BrokerReadiness(broker, ports, adminClientConfig(), startedAt, settings.startupTimeout())
          .await();
    } catch (RuntimeException | InterruptedException e) {
      broker.kill();
      throw e;
    }
  }

  private void writeConfiguration() {
    try {
      writePrivately(dir.serverProperties(), ServerProperties.render(settings, ports, dir, sasl));
      Files.writeString(dir.logbackConfig(), ChildLogging.logbackXml(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("The broker configuration could not be written.", e);
    }
  }

  /**
   * Writes {@code content} into a file that only its owner may read (where the file system has
   * POSIX permissions): {@code server.properties} may hold SASL passwords, and a data directory
   * given by the caller may be readable by others.
   */
  private static void writePrivately(Path file, String content) throws IOException {
    if (Files.notExists(file)
        && file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private Map<String, Object> bootstrapOnly() {
    return new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
  }

  private static long millisSince(long nanoTime) {
    return (System.nanoTime() - nanoTime) / 1_000_000;
  }
}
