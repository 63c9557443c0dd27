package dev.krako.streams;

import dev.krako.topology.errors.DeadLetterHandler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The Kafka Streams settings every Krako topology runs with. Each non-default value carries its
 * reason; anything in {@code overrides} wins.
 *
 * @param applicationId one per topology: ingress, orchestration, billing and trust scale and fail
 *     apart
 * @param component names the topology in dead-letter records
 * @param applicationServer {@code host:port} of this instance's query endpoint, advertised to the
 *     other instances as {@code application.server}; null when the stores are not queried across
 *     instances
 * @param clientSettings Kafka client settings for every client of the application, such as {@code
 *     security.protocol}, {@code sasl.*} and {@code ssl.*} (a deployment's {@code --kafka-config}
 *     file). They come first: Krako's own settings, and then {@code overrides}, win over them
 */
public record StreamsSettings(
    String applicationId,
    String bootstrapServers,
    Path stateDir,
    String deadLetterTopic,
    String component,
    Map<String, Object> overrides,
    String applicationServer,
    Map<String, Object> clientSettings) {

  /**
   * How often an application on the critical path commits, which bounds what a hop adds to a
   * session's latency under load (below that, the commit pacer's early commits do, ADR 024). 50 ms,
   * half of Kafka Streams' exactly-once default: with the appends per unit of session 9 (16 instead
   * of 23), back to back at 96 sessions/s, p50 of all sessions fell from 335/271 to 231/167 ms, the
   * single unit's from 225/192 to 155/118 ms, with the same Krako and broker CPU and 0.3 more
   * appends per unit (transaction markers) (docs/performance.md, session 9). Session 7 tried 30 ms
   * at 23 appends per unit: 0.06-0.10 cores more and worse latency, so shorter is not always better
   * on two cores.
   */
  public static final Duration COMMIT_INTERVAL = Duration.ofMillis(50);

  /** How long an idle stream thread waits in {@code poll()}: see {@link #toProperties()}. */
  public static final Duration POLL_INTERVAL = Duration.ofMillis(10);

  public StreamsSettings {
    Objects.requireNonNull(applicationId, "applicationId");
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(deadLetterTopic, "deadLetterTopic");
    overrides = Map.copyOf(overrides);
    clientSettings = Map.copyOf(clientSettings);
    if (applicationServer != null) {
      HostInfo.buildFromEndpoint(applicationServer); // throws ConfigException unless host:port
    }
  }

  /** Settings of an application whose stores no other instance queries. */
  public StreamsSettings(
      String applicationId,
      String bootstrapServers,
      Path stateDir,
      String deadLetterTopic,
      String component,
      Map<String, Object> overrides) {
    this(
        applicationId,
        bootstrapServers,
        stateDir,
        deadLetterTopic,
        component,
        overrides,
        null,
        Map.of());
  }

  /** The same settings, advertising {@code hostPort} as this instance's query endpoint. */
  public StreamsSettings withApplicationServer(String hostPort) {
    return new StreamsSettings(
        applicationId,
        bootstrapServers,
        stateDir,
        deadLetterTopic,
        component,
        overrides,
        hostPort,
        clientSettings);
  }

  /** The same settings whose clients all get {@code settings} (see {@link #clientSettings}). */
  public StreamsSettings withClientSettings(Map<String, Object> settings) {
    return new StreamsSettings(
        applicationId,
        bootstrapServers,
        stateDir,
        deadLetterTopic,
        component,
        overrides,
        applicationServer,
        settings);
  }

  public Properties toProperties() {
    Properties p = new Properties();
    p.putAll(clientSettings);
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    // Decisions, dispatches and events of one input are committed together or not at all.
    p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    // An unnamed processor, store or internal topic fails at start: names are a compatibility
    // surface.
    p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    // Poison records and processing bugs go to the dead-letter topic; the application goes on.
    p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class);
    // The same handler for global stores too: the Kafka 5.0 default, chosen now for stability.
    p.put("processing.exception.handler.global.enabled", true);
    p.put(DeadLetterHandler.TOPIC_CONFIG, deadLetterTopic);
    p.put(DeadLetterHandler.COMPONENT_CONFIG, component);
    // Read from the start on first run: an admitted session must never be skipped.
    p.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    // Each hop waits for at most one commit; 100 ms (the EOS default) bounds added latency per hop.
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL.toMillis());
    // An idle stream thread blocks in poll() this long, and a commit that falls due meanwhile waits
    // for it: at the default 100 ms a quiet hop's records became visible a whole poll late, 110 ms
    // after they were written instead of 0-100 ms (docs/performance.md, "Session 5"). Waking 100
    // times a second costs an idle thread next to nothing.
    p.put(StreamsConfig.POLL_MS_CONFIG, POLL_INTERVAL.toMillis());
    // Never wait for an empty input partition before processing the buffered ones. Krako joins no
    // streams, and no task's inputs need timestamp order across topics: orchestration's (admitted
    // sessions, workers' reports, heartbeats) are causally ordered or order-free, capacity's
    // (events, operator commands) order-free, and every other task reads one partition. Kafka
    // Streams' default (0) makes each stream-thread loop format log strings for every empty
    // partition of every task, whether or not anything is logged: 3-5 % of Krako's CPU samples at
    // 30 sessions/s (docs/performance.md, session 7), more on idle tasks woken every 10 ms.
    p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
    // Send as records come, a few milliseconds apart, not at the commit: nobody reads them before
    // the commit, but each first write to a partition in a transaction is verified by the broker
    // first, and sent early that happens while the thread is still processing. Lingering 100 ms
    // (to the commit) saved 16 % of the broker's requests and 0.1-0.25 cores at 25 sessions/s but
    // doubled the p50 of every session, commits now waiting for their own produce
    // (docs/performance.md, session 12).
    p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
    if (applicationServer != null) {
      // The query API finds the instance that owns a key through it (docs/query-api.md).
      p.put(StreamsConfig.APPLICATION_SERVER_CONFIG, applicationServer);
    }
    p.putAll(overrides);
    return p;
  }
}
