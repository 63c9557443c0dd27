package dev.krako.worker.runtime;

import dev.krako.avro.Substrate;
import dev.krako.topics.KrakoTopics;
import dev.krako.worker.resilience.TrustThresholds;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The typed configuration of one worker pool.
 *
 * @param substrate the pool's substrate: it consumes that substrate's dispatch topic only
 * @param poolId names the pool; its consumer group is {@code krako-workers-<poolId>}
 * @param nodeId names this node in events; each claim loop appends {@code -<n>}
 * @param loops how many claim loops (each a consumer and a transactional producer) this node runs
 * @param pollTimeout how long one poll waits for dispatches
 * @param consumerOverrides Kafka consumer settings that win over the defaults (e.g. {@code
 *     max.poll.interval.ms}, which bounds how long a claim loop may stall between two polls before
 *     its group hands its partitions on; a loop keeps polling while its units run, so it no longer
 *     bounds a unit's run time: the lease does, docs/adr/016-heartbeats-and-leases.md)
 * @param healthInterval how often the node reports {@code node.health.updated} besides its start,
 *     its stop and its breakers' changes; default {@link #DEFAULT_HEALTH_INTERVAL}
 * @param shutdownTimeout how long {@link WorkerPool#close()} waits for the units in flight to
 *     finish and be reported; default {@link #DEFAULT_SHUTDOWN_TIMEOUT}
 * @param clientSettings Kafka client settings given to every client of the node (its consumers and
 *     producers): how to reach the cluster, e.g. {@code security.protocol}, {@code sasl.*}, {@code
 *     ssl.*}. The node's own settings (transactions, isolation, offsets) win over them, and {@code
 *     consumerOverrides} win over both; empty by default
 * @param trustPlacement the trust placement policy the node applies to itself (docs/trust.md,
 *     "Placement policy"): it reads {@code krako.nodes.trust} and leaves its dispatch group while
 *     it is untrusted. Empty by default (opt in): the node then ignores trust, as a node without a
 *     trust application to read from must. {@code krako serve} and {@code krako dev} turn it on
 *     with {@link TrustThresholds#DEFAULTS}
 * @param heartbeatInterval how often the node renews the lease of each unit it runs (a heartbeat on
 *     {@code krako.heartbeats}); it must stay well below the orchestrator's lease length; default
 *     {@link #DEFAULT_HEARTBEAT_INTERVAL}
 * @param claimWindow how many units one claim loop holds at most (claimed and not yet reported):
 *     the largest batch it claims in one transaction; an LLM loop runs them all at once, a CPU loop
 *     at most one per core. A node holds at most {@code loops × claimWindow} units. Default {@link
 *     #DEFAULT_CLAIM_WINDOW} (docs/adr/017-batched-claims.md)
 * @param earlyStart whether the node claims and runs a dispatch as soon as the orchestrator has
 *     written it, before the orchestrator's transaction commits ({@code read_uncommitted}), instead
 *     of one commit later. Only for a substrate whose units are pure: a dispatch of a transaction
 *     that aborts may then run once more than the session needs, with the same event ids, and
 *     nothing but its CPU time is spent (docs/adr/025-early-start-of-pure-units.md). Refused for
 *     {@code llm_pod}, whose calls cost tokens; off by default
 */
public record WorkerSettings(
    String bootstrapServers,
    KrakoTopics topics,
    Substrate substrate,
    String poolId,
    String nodeId,
    int loops,
    Duration pollTimeout,
    java.util.Map<String, Object> consumerOverrides,
    Duration healthInterval,
    Duration shutdownTimeout,
    java.util.Map<String, Object> clientSettings,
    Optional<TrustThresholds> trustPlacement,
    Duration heartbeatInterval,
    int claimWindow,
    boolean earlyStart) {

  /**
   * One unit per loop, the admission limit of a node before batched claims: a caller that wants
   * more concurrency per loop says so ({@code krako serve} and {@code dev} do, per pool).
   */
  public static final int DEFAULT_CLAIM_WINDOW = 1;

  /**
   * Five beats per default lease (10 s, the orchestrator's): four may be lost or late before a live
   * worker loses its unit, and a heartbeat every 2 s per unit in flight is negligible load.
   */
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(2);

  public static final Duration DEFAULT_HEALTH_INTERVAL = Duration.ofSeconds(30);

  /**
   * Kubernetes' default termination grace period. An LLM node whose pod may take longer to answer
   * (the request timeout is 60 s by default) needs a longer one, and a longer grace period too.
   */
  public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  public WorkerSettings {
    Objects.requireNonNull(bootstrapServers, "bootstrapServers");
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(substrate, "substrate");
    Objects.requireNonNull(poolId, "poolId");
    Objects.requireNonNull(nodeId, "nodeId");
    if (loops < 1) {
      throw new IllegalArgumentException("A worker node runs at least one claim loop.");
    }
    consumerOverrides = java.util.Map.copyOf(consumerOverrides);
    requirePositive(healthInterval, "healthInterval");
    requirePositive(shutdownTimeout, "shutdownTimeout");
    clientSettings = java.util.Map.copyOf(clientSettings);
    Objects.requireNonNull(trustPlacement, "trustPlacement");
    requirePositive(heartbeatInterval, "heartbeatInterval");
    if (claimWindow < 1) {
      throw new IllegalArgumentException("A claim loop holds at least one unit.");
    }
    if (earlyStart && substrate == Substrate.llm_pod) {
      throw new IllegalArgumentException(
          "An LLM pool never starts a dispatch before it is committed: a model call of an aborted"
              + " dispatch would cost tokens for nothing.");
    }
  }

  /** Settings without trust placement, with the default heartbeat interval. */
  public WorkerSettings(
      String bootstrapServers,
      KrakoTopics topics,
      Substrate substrate,
      String poolId,
      String nodeId,
      int loops,
      Duration pollTimeout,
      java.util.Map<String, Object> consumerOverrides,
      Duration healthInterval,
      Duration shutdownTimeout,
      java.util.Map<String, Object> clientSettings) {
    this(
        bootstrapServers,
        topics,
        substrate,
        poolId,
        nodeId,
        loops,
        pollTimeout,
        consumerOverrides,
        healthInterval,
        shutdownTimeout,
        clientSettings,
        Optional.empty(),
        DEFAULT_HEARTBEAT_INTERVAL,
        DEFAULT_CLAIM_WINDOW,
        false);
  }

  /** Settings with no extra Kafka client settings. */
  public WorkerSettings(
      String bootstrapServers,
      KrakoTopics topics,
      Substrate substrate,
      String poolId,
      String nodeId,
      int loops,
      Duration pollTimeout,
      java.util.Map<String, Object> consumerOverrides,
      Duration healthInterval,
      Duration shutdownTimeout) {
    this(
        bootstrapServers,
        topics,
        substrate,
        poolId,
        nodeId,
        loops,
        pollTimeout,
        consumerOverrides,
        healthInterval,
        shutdownTimeout,
        java.util.Map.of());
  }

  /** Settings with the default health interval and shutdown timeout. */
  public WorkerSettings(
      String bootstrapServers,
      KrakoTopics topics,
      Substrate substrate,
      String poolId,
      String nodeId,
      int loops,
      Duration pollTimeout,
      java.util.Map<String, Object> consumerOverrides) {
    this(
        bootstrapServers,
        topics,
        substrate,
        poolId,
        nodeId,
        loops,
        pollTimeout,
        consumerOverrides,
        DEFAULT_HEALTH_INTERVAL,
        DEFAULT_SHUTDOWN_TIMEOUT);
  }

  /** Settings with the default consumer configuration. */
  public WorkerSettings(
      String bootstrapServers,
      KrakoTopics topics,
      Substrate substrate,
      String poolId,
      String nodeId,
      int loops,
      Duration pollTimeout) {
    this(
        bootstrapServers,
        topics,
        substrate,
        poolId,
        nodeId,
        loops,
        pollTimeout,
        java.util.Map.of());
  }

  public WorkerSettings withHealthInterval(Duration interval) {
    return new WorkerSettings(
        bootstrapServers,
        topics,
        substrate,
        poolId,
        nodeId,
        loops,
        pollTimeout,
        consumerOverrides,
        interval,
        shutdownTimeout,
        clientSettings,
        trustPlacement,
        heartbeatInterval,
        claimWindow,
        earlyStart);
  }

  public WorkerSettings withShutdownTimeout(Duration timeout) {
    return new WorkerSettings(
        bootstrapServers,
        topics,
        substrate,
        poolId,
        nodeId,
        loops,
        pollTimeout,
        consumerOverrides,
        healthInterval,
        timeout,
        clientSettings,
        trustPlacement,
        heartbeatInterval,
        claimWindow,
        earlyStart);
  }

  /**
   * The same settings whose Kafka clients all get {@code settings} (see {@link #clientSettings}).
   */
  public WorkerSettings withClientSettings(java.util.Map<String, Object> settings) {
    return new WorkerSettings(
        bootstrapServers,
        topics,
        substrate,
        poolId,
        nodeId,
        loops,
        pollTimeout,
        consumerOverrides,
        healthInterval,
        shutdownTimeout,
        settings,
        trustPlacement,
        heartbeatInterval,
        claimWindow,
        earlyStart);
  }

  /** The same settings with the trust placement policy on (see {@link #trustPlacement}). */
  public WorkerSettings withTrustPlacement(TrustThresholds thresholds) {
    return new WorkerSettings(
        bootstrapServers,
        topics,
        substrate,
        poolId,
        nodeId,
        loops,
        pollTimeout,
        consumerOverrides,
        healthInterval,
        shutdownTimeout,
        clientSettings,
        Optional.of(thresholds),
        heartbeatInterval,
        claimWindow,
        earlyStart);
  }

  public WorkerSettings withHeartbeatInterval(Duration interval) {
    return new WorkerSettings(
        bootstrapServers,
        topics,
        substrate,
        poolId,
        nodeId,
        loops,
        pollTimeout,
        consumerOverrides,
        healthInterval,
        shutdownTimeout,
        clientSettings,
        trustPlacement,
        interval,
        claimWindow,
        earlyStart);
  }

  /** The same settings with {@code window} units per claim loop (see {@link #claimWindow}). */
  public WorkerSettings withClaimWindow(int window) {
    return new WorkerSettings(
        bootstrapServers,
        topics,
        substrate,
        poolId,
        nodeId,
        loops,
        pollTimeout,
        consumerOverrides,
        healthInterval,
        shutdownTimeout,
        clientSettings,
        trustPlacement,
        heartbeatInterval,
        window,
        earlyStart);
  }

  /** The same settings with early start on or off (see {@link #earlyStart}). */
  public WorkerSettings withEarlyStart(boolean on) {
    return new WorkerSettings(
        bootstrapServers,
        topics,
        substrate,
        poolId,
        nodeId,
        loops,
        pollTimeout,
        consumerOverrides,
        healthInterval,
        shutdownTimeout,
        clientSettings,
        trustPlacement,
        heartbeatInterval,
        claimWindow,
        on);
  }

  public String groupId() {
    return "krako-workers-" + poolId;
  }

  public String dispatchTopic() {
    return topics.dispatch(substrate).name();
  }

  private static void requirePositive(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive.");
    }
  }
}
