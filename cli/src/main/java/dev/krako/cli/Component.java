package dev.krako.cli;

import dev.krako.streams.StreamsSettings;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * What one Krako process may run (docs/operations-processes.md): the five Streams applications, the
 * query API and the three worker pools. A deployment spreads them over processes; {@code krako dev}
 * runs {@link #DEV} in one.
 */
public enum Component {
  INGRESS("ingress"),
  ORCHESTRATION("orchestration"),
  BILLING("billing"),
  TRUST("trust"),
  CAPACITY("capacity"),
  QUERY("query"),
  CPU_POOL("cpu-pool"),
  CPU_TRUSTED_POOL("cpu-trusted-pool"),
  LLM_POOL("llm-pool");

  /** What {@code krako serve} runs when not told otherwise: the topologies and the query API. */
  public static final Set<Component> SERVE_DEFAULT =
      EnumSet.of(INGRESS, ORCHESTRATION, BILLING, TRUST, CAPACITY, QUERY);

  /**
   * What {@code krako dev} runs: everything, the trusted CPU pool included, so that a {@code
   * local_only} unit runs on this machine as it would in a deployment.
   */
  public static final Set<Component> DEV = EnumSet.allOf(Component.class);

  private final String wireName;

  Component(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in {@code --components}, logs, {@code /v1/ready} and metrics tags. */
  public String wireName() {
    return wireName;
  }

  /**
   * How often this Streams application commits. Ingress and orchestration are on every session's
   * critical path: a hop's output reaches the next hop (an admitted session, a session's result)
   * only when the hop commits, so they keep the 50 ms of {@link StreamsSettings#COMMIT_INTERVAL}.
   * Billing, trust and capacity are followers: they write only what nobody waits on hop by hop (a
   * ledger entry, a node's trust, a scale request or an admission mode may lag a second), so they
   * commit once a second: a tenth of the transactions, each of which costs the broker an
   * AddPartitionsToTxn, an EndTxn and a marker in every partition written (docs/performance.md).
   * Capacity kept 100 ms while orchestration read {@code krako.events}, which capacity writes: one
   * open transaction there hid the outcomes behind it from orchestration until it ended. Since ADR
   * 026 orchestration reads {@code krako.reports}, which only workers write.
   */
  public Duration commitInterval() {
    return follower() ? FOLLOWER_COMMIT_INTERVAL : StreamsSettings.COMMIT_INTERVAL;
  }

  /**
   * How long this Streams application's idle stream thread blocks in {@code poll()}. The critical
   * path's two keep {@code StreamsSettings}' 10 ms (ADR 024: a commit that falls due waits for the
   * poll to return). A follower, committing once a second, gains nothing from waking a hundred
   * times a second, and each wake runs the thread's loop over every one of its tasks (18 in
   * billing): Kafka Streams' default 100 ms. In a profile at 30 sessions/s (docs/performance.md,
   * session 7) the three followers' stream threads were 46 % of Krako's CPU samples, a fifth of
   * that in the per-loop bookkeeping of tasks with nothing to do.
   */
  public Duration pollInterval() {
    return follower() ? FOLLOWER_POLL_INTERVAL : StreamsSettings.POLL_INTERVAL;
  }

  /**
   * Settings of this Streams application's main consumer beyond {@code StreamsSettings}'. A
   * follower's fetch waits on the broker for {@link #FOLLOWER_FETCH_MIN_BYTES} or {@link
   * #FOLLOWER_FETCH_MAX_WAIT}, whichever comes first. With Kafka's default of one byte a fetch of
   * {@code krako.events} returned whenever a producer committed to a partition it reads, and the
   * claim loops, ingress and orchestration commit about 150 transactions a second between them
   * under load (docs/performance.md, session 8); each return ran the follower's loop over all of
   * its tasks for a handful of records. In four pairs of runs at 25 sessions/s the three followers'
   * stream and producer threads used 0.09-0.13 cores with the wait and 0.16-0.21 without
   * (docs/performance.md, session 11). A follower commits once a second, so what it writes already
   * lags by up to a second; the wait adds at most half a second more. The critical path's two keep
   * Kafka's default: each fetch there is a hop of a session.
   */
  public Map<String, Object> mainConsumerSettings() {
    if (!follower()) {
      return Map.of();
    }
    return Map.of(
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MIN_BYTES_CONFIG),
        FOLLOWER_FETCH_MIN_BYTES,
        StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG),
        (int) FOLLOWER_FETCH_MAX_WAIT.toMillis());
  }

  /**
   * This Streams application's settings beyond {@code StreamsSettings}': its {@link
   * #commitInterval()}, {@link #pollInterval()} and {@link #mainConsumerSettings()}. Krako's
   * applications run with them, and so do the bench's stand-ins for them (the contract floor
   * through Krako's hops).
   */
  public Map<String, Object> streamsOverrides() {
    Map<String, Object> overrides = new HashMap<>(mainConsumerSettings());
    overrides.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval().toMillis());
    overrides.put(StreamsConfig.POLL_MS_CONFIG, pollInterval().toMillis());
    return overrides;
  }

  /**
   * A mebibyte: at 44 sessions/s {@code krako.events} grows by about 0.4 MB a second (4.8 events of
   * about 260 B per unit), so below about 100 sessions/s the wait, not the size, ends a fetch.
   */
  static final int FOLLOWER_FETCH_MIN_BYTES = 1 << 20;

  /** Half of a follower's commit interval. */
  static final Duration FOLLOWER_FETCH_MAX_WAIT = Duration.ofMillis(500);

  private boolean follower() {
    return this == BILLING || this == TRUST || this == CAPACITY;
  }

  private static final Duration FOLLOWER_COMMIT_INTERVAL = Duration.ofSeconds(1);

  private static final Duration FOLLOWER_POLL_INTERVAL = Duration.ofMillis(100);

  /** Whether this is a worker pool (a worker node of the pool runs in the process). */
  public boolean isPool() {
    return this == CPU_POOL || this == CPU_TRUSTED_POOL || this == LLM_POOL;
  }

  /**
   * Reads a comma list such as {@code ingress,orchestration,query} (spaces and case ignored).
   *
   * @throws IllegalArgumentException for an empty list, an unknown name, or a set that cannot run
   *     (the query API reads the orchestration, billing and trust stores of its own process)
   */
  public static Set<Component> parseList(String list) {
    Set<Component> components = EnumSet.noneOf(Component.class);
    for (String item : list.split(",")) {
      String name = item.strip().toLowerCase(Locale.ROOT);
      if (!name.isEmpty()) {
        components.add(byName(name));
      }
    }
    if (components.isEmpty()) {
      throw new IllegalArgumentException("Name at least one component: " + names(allOf()));
    }
    if (components.contains(QUERY)
        && !(components.contains(ORCHESTRATION)
            && components.contains(BILLING)
            && components.contains(TRUST))) {
      throw new IllegalArgumentException(
          "The query component needs orchestration, billing and trust in the same process: it"
              + " reads their stores.");
    }
    return components;
  }

  /** The names of {@code components}, comma-separated, in declaration order. */
  public static String names(Set<Component> components) {
    return components.stream().map(Component::wireName).collect(Collectors.joining(","));
  }

  private static Component byName(String name) {
    return Arrays.stream(values())
        .filter(c -> c.wireName.equals(name))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "Unknown component '" + name + "'; choose among " + names(allOf()) + "."));
  }

  private static Set<Component> allOf() {
    return EnumSet.allOf(Component.class);
  }
}
