package dev.krako.worker.runtime;

import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitHeartbeat;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
 * Renews the leases of the units a node runs: every {@link WorkerSettings#heartbeatInterval()}, one
 * thread of the node sends a {@code WorkUnitHeartbeat} to {@code krako.heartbeats} for each unit in
 * flight on any of its claim loops. The orchestrator fails an attempt whose heartbeats stop with
 * {@code WORKER_LOST} (docs/adr/016-heartbeats-and-leases.md), so a node killed mid-unit is noticed
 * within a lease instead of a run timeout.
 *
 * <p>Heartbeats are not facts of the event log: a plain idempotent producer writes them, outside
 * the loops' transactions, and a failed send is logged, never thrown (the next beat retries).
 */
final class Heartbeats implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Heartbeats.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

  private final WorkerSettings settings;
  private final Clock clock;
  private final Producer<String, byte[]> producer;
  private final Serializer<WorkUnitHeartbeat> serializer;
  private final WorkerEvents events;
  private final Set<WorkUnitDispatch> inFlight = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService thread;

  Heartbeats(WorkerSettings settings, Clock clock, Producer<String, byte[]> producer) {
    this.settings = settings;
    this.clock = clock;
    this.producer = producer;
    this.serializer = settings.topics().heartbeats().valueSerde().serializer();
    this.events = new WorkerEvents(settings.nodeId(), settings.substrate());
    this.thread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "krako-worker-heartbeats-" + settings.nodeId());
              t.setDaemon(true);
              return t;
            });
  }

  /** The producer of a node's heartbeats. Every non-default setting carries its reason. */
  static Producer<String, byte[]> producer(WorkerSettings s) {
    // The node's client settings (how to reach the cluster) first: the heartbeats' own win.
    Map<String, Object> p = new java.util.HashMap<>(s.clientSettings());
    p.putAll(
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            s.bootstrapServers(),
            ProducerConfig.CLIENT_ID_CONFIG,
            s.nodeId() + "-heartbeats",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
            true,
            ProducerConfig.ACKS_CONFIG,
            "all",
            // A heartbeat is late news after one interval: do not wait to fill a batch.
            ProducerConfig.LINGER_MS_CONFIG,
            1,
            // A beat must not hold the heartbeat thread past the next one while the broker is away.
            ProducerConfig.MAX_BLOCK_MS_CONFIG,
            (int) s.heartbeatInterval().toMillis()));
    return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
  }

  /** Beats every heartbeat interval from now on. */
  void start() {
    long interval = settings.heartbeatInterval().toMillis();
    thread.scheduleAtFixedRate(this::beat, interval, interval, TimeUnit.MILLISECONDS);
  }

  /** The unit is in flight from now on: its lease is renewed until {@link #release}. */
  void hold(WorkUnitDispatch dispatch) {
    inFlight.add(dispatch);
  }

  /** The unit is no longer in flight (reported, or abandoned): its lease is left to expire. */
  void release(WorkUnitDispatch dispatch) {
    inFlight.remove(dispatch);
  }

  /** One beat: a heartbeat for each unit in flight (package-private for tests). */
  void beat() {
    String topic = settings.topics().heartbeats().name();
    for (WorkUnitDispatch d : inFlight) {
      try {
        WorkUnitHeartbeat beat = events.heartbeat(d, clock.instant());
        producer.send(
            new ProducerRecord<>(topic, d.getSessionId(), serializer.serialize(topic, beat)),
            (metadata, e) -> {
              if (e != null) {
                LOG.warn(
                    "Worker node {} could not renew the lease of unit {} attempt {} of session {}:"
                        + " {}",
                    settings.nodeId(),
                    d.getWorkUnitId(),
                    d.getAttemptIndex(),
                    d.getSessionId(),
                    e.toString());
              }
            });
      } catch (RuntimeException e) {
        LOG.warn("Worker node {} could not send a heartbeat: {}", settings.nodeId(), e.toString());
      }
    }
  }

  /** Stops beating and closes the producer; the leases of units still held then expire. */
  @Override
  public void close() {
    thread.shutdownNow();
    try {
      thread.awaitTermination(CLOSE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    producer.close(CLOSE_TIMEOUT);
  }
}
