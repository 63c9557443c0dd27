package dev.krako.worker.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.Event;
import dev.krako.worker.resilience.DownstreamBreaker;
import dev.krako.worker.resilience.HealthStatus;
import dev.krako.worker.resilience.TrustGate;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a worker node's health as {@code node.health.updated} on the event topic, keyed by the
 * node id: when the node starts, whenever one of its breakers changes state, every {@link
 * WorkerSettings#healthInterval()}, and a last time ({@code down}) when it stops. The status is the
 * worst of its breakers' (closed up, half-open degraded, open down); a node without breakers is up
 * until it stops. Timestamps come from the injected clock. Reports are written on one thread of
 * their own, in order, and a failed write is logged, never thrown.
 */
final class NodeHealthReporter implements AutoCloseable {

  static final String REASON_START = "start";
  static final String REASON_PERIODIC = "periodic";
  static final String REASON_BREAKER = "breaker";
  static final String REASON_SHUTDOWN = "shutdown";
  static final String REASON_TRUST = "trust";

  private static final Logger LOG = LoggerFactory.getLogger(NodeHealthReporter.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

  private final WorkerSettings settings;
  private final List<DownstreamBreaker> breakers;
  private final Optional<TrustGate> trust;
  private final Clock clock;
  private final Producer<String, byte[]> producer;
  private final Serializer<Event> serializer;
  private final WorkerEvents events;
  private final ScheduledExecutorService thread;
  private final String version;
  private Instant startedAt;
  private long sequence; // written on the reporting thread only
  private ScheduledFuture<?> periodic;
  private volatile boolean stopping;

  NodeHealthReporter(
      WorkerSettings settings,
      List<DownstreamBreaker> breakers,
      Clock clock,
      Producer<String, byte[]> producer) {
    this(settings, breakers, Optional.empty(), clock, producer);
  }

  /**
   * @param trust the node's trust gate, if it applies the trust placement policy: out of its group
   *     or on probation, the node is degraded, and the report names its trust standing and score
   */
  NodeHealthReporter(
      WorkerSettings settings,
      List<DownstreamBreaker> breakers,
      Optional<TrustGate> trust,
      Clock clock,
      Producer<String, byte[]> producer) {
    this.settings = settings;
    this.breakers = List.copyOf(breakers);
    this.trust = trust;
    this.clock = clock;
    this.producer = producer;
    this.serializer = settings.topics().events().valueSerde().serializer();
    this.events = new WorkerEvents(settings.nodeId(), settings.substrate());
    this.version = version();
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "krako-worker-health-" + settings.nodeId());
              t.setDaemon(true);
              return t;
            });
  }

  /** The producer of a node's health reports. Every non-default setting carries its reason. */
  static Producer<String, byte[]> producer(WorkerSettings s) {
    // The node's client settings (how to reach the cluster) first: the reporter's own win.
    Map<String, Object> p = new java.util.HashMap<>(s.clientSettings());
    p.putAll(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            s.bootstrapServers(),
            ProducerConfig.CLIENT_ID_CONFIG,
            s.nodeId() + "-health",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all",
            // Reports are rare and small: do not wait to fill a batch.
            ProducerConfig.LINGER_MS_CONFIG,
            1,
            // A report must not hold the reporting thread for a minute while the broker is away.
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            10_000));
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** Reports {@code start}, then every health interval and on every breaker change. */
  void start() {
    startedAt = clock.instant();
    submit(REASON_START);
    long interval = settings.healthInterval().toMillis();
    periodic =
        thread.scheduleAtFixedRate(
            () -> report(REASON_PERIODIC, snapshot()), interval, interval, TimeUnit.MILLISECONDS);
    breakers.forEach(b -> b.addListener((breaker, status) -> submit(REASON_BREAKER)));
    trust.ifPresent(t -> t.addListener(() -> submit(REASON_TRUST)));
  }

  /** Reports {@code down} ({@code shutdown}), then stops reporting and closes the producer. */
  @Override
  public void close() {
    // Reports queued from now on are dropped, so that the shutdown report is the last one.
    stopping = true;
    if (periodic != null) {
      periodic.cancel(false);
    }
    Snapshot now = snapshot();
    Snapshot down = new Snapshot(HealthStatus.DOWN, now.breakers(), now.trust());
    try {
      thread
          .submit(() -> report(REASON_SHUTDOWN, down))
          .get(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
      LOG.warn("Worker node {} could not report its shutdown: {}", settings.nodeId(), e.toString());
    }
    thread.shutdownNow();
    producer.close(CLOSE_TIMEOUT);
  }

  /** Reports the health of the moment of the call, from the reporting thread. */
  private void submit(String reason) {
    Snapshot now = snapshot();
    try {
      thread.execute(() -> report(reason, now));
    } catch (RejectedExecutionException e) {
      // Closed: the shutdown report was the last one.
    }
  }

  private void report(String reason, Snapshot health) {
    if (stopping && !REASON_SHUTDOWN.equals(reason)) {
      return;
    }
    try {
      HealthStatus status = health.status();
      Event event =
          events.nodeHealth(
              status.wireName(), detail(reason, health), clock.instant(), startedAt, sequence++);
      String topic = settings.topics().events().name();
      producer.send(
          new ProducerRecord<>(topic, settings.nodeId(), serializer.serialize(topic, event)),
          (metadata, e) -> {
            if (e != null) {
              LOG.warn(
                  "Worker node {} could not report its health ({}): {}",
                  settings.nodeId(),
                  status.wireName(),
                  e.toString());
            }
          });
    } catch (RuntimeException e) {
      LOG.warn("Worker node {} could not report its health: {}", settings.nodeId(), e.toString());
    }
  }

  /**
   * The node's health now: the worst of its breakers' and its trust standing's, each breaker's
   * state, and its trust standing.
   */
  private Snapshot snapshot() {
    HealthStatus status = HealthStatus.UP;
    ArrayNode states = JSON.createArrayNode();
    for (DownstreamBreaker breaker : breakers) {
      status = status.worst(breaker.status());
      states.addObject().put("name", breaker.name()).put("state", breaker.state());
    }
    ObjectNode standing = null;
    if (trust.isPresent()) {
      TrustGate gate = trust.get();
      status = status.worst(gate.status());
      standing = JSON.createObjectNode().put("standing", gate.standingName());
      ObjectNode t = standing;
      gate.own()
          .ifPresent(
              own ->
                  t.put("score", own.score().toPlainString())
                      .put("outcome_score", own.outcomeScore().toPlainString())
                      .put("evidence", own.evidence()));
    }
    return new Snapshot(status, states, standing);
  }

  /**
   * {@code {"reason", "pool", "loops", "version", "breakers": [{"name", "state"}]}}, and {@code
   * "trust": {"standing", "score", "outcome_score", "evidence"}} when the node applies the trust
   * placement policy ({@code score} is the published one, {@code outcome_score} the one the policy
   * judges by; both absent before trust has a record of the node).
   */
  private String detail(String reason, Snapshot health) {
    ObjectNode detail = JSON.createObjectNode();
    detail.put("reason", reason);
    detail.put("pool", settings.poolId());
    detail.put("loops", settings.loops());
    detail.put("version", version);
    detail.set("breakers", health.breakers());
    if (health.trust() != null) {
      detail.set("trust", health.trust());
    }
    return detail.toString();
  }

  /** What a report says, taken when its cause happened; {@code trust} null without the policy. */
  private record Snapshot(HealthStatus status, ArrayNode breakers, ObjectNode trust) {}

  /** The worker runtime's version, from the properties Maven filters at build time. */
  static String version() {
    try (InputStream in =
        NodeHealthReporter.class.getResourceAsStream("worker-runtime.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      String version = properties.getProperty("version", "unknown");
      return version.startsWith("${") ? "unknown" : version;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
