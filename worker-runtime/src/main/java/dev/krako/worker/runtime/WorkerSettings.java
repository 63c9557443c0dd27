package dev.krako.worker.runtime;

import dev.krako.avro.Substrate;
import dev.krako.topics.KrakoTopics;
import java.time.Duration;
import java.util.Objects;

/**
 * The typed configuration of one worker pool.
 *
 * @param substrate the pool's substrate: it consumes that substrate's dispatch topic only
 * @param poolId names the pool; its consumer group is {@code krako-workers-<poolId>}
 * @param nodeId names this node in events; each claim loop appends {@code -<n>}
 * @param loops how many claim loops (each a consumer and a transactional producer) this node runs
 * @param pollTimeout how long one poll waits for dispatches
 * @param consumerOverrides Kafka consumer settings that win over the defaults (e.g. {@code
 *     max.poll.interval.ms}, which bounds how long a unit may run before its claim loop is
 *     considered gone)
 */
public record WorkerSettings(
    String bootstrapServers,
    KrakoTopics topics,
    Substrate substrate,
    String poolId,
    String nodeId,
    int loops,
    Duration pollTimeout,
    java.util.Map<String, Object> consumerOverrides) {

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

  public String groupId() {
    return "krako-workers-" + poolId;
  }

  public String dispatchTopic() {
    return topics.dispatch(substrate).name();
  }
}
