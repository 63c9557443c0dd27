package dev.krako.topology.capacity;

import dev.krako.capacity.AdmissionThresholds;
import dev.krako.capacity.ScalePolicy;
import dev.krako.topics.KrakoTopics;
import java.time.Duration;
import java.util.Objects;

/**
 * The typed configuration of the capacity topology.
 *
 * @param instanceId names this instance in the events it emits ({@code source.id})
 * @param window how far back claims and completions count (latency, throughput)
 * @param evaluateEvery how often (wall-clock time) each partition of krako.events summarizes its
 *     backlog, and how often the sum of the summaries is judged
 * @param nodeAlive how recent a node's last {@code up} report must be to count it in its pool
 *     (workers report every 30 s)
 * @param waitingHorizon an attempt waiting longer than this is forgotten: its session ended, or
 *     orchestration timed it out, without an event that names it
 * @param summaryExpiry a partition whose last summary is older than this counts no more: it stopped
 *     reporting and no other instance took it over (ADR 028)
 */
public record CapacityConfig(
    KrakoTopics topics,
    String instanceId,
    AdmissionThresholds thresholds,
    ScalePolicy scale,
    Duration window,
    Duration evaluateEvery,
    Duration nodeAlive,
    Duration waitingHorizon,
    Duration summaryExpiry) {

  public CapacityConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(instanceId, "instanceId");
    Objects.requireNonNull(thresholds, "thresholds");
    Objects.requireNonNull(scale, "scale");
    for (Duration d :
        new Duration[] {window, evaluateEvery, nodeAlive, waitingHorizon, summaryExpiry}) {
      if (d.isZero() || d.isNegative()) {
        throw new IllegalArgumentException("Capacity durations must be positive: " + d);
      }
    }
  }

  /**
   * A 60 s window judged every 5 s, nodes alive for 90 s (three missed reports), waiting attempts
   * forgotten after 30 minutes (six times the default run timeout), a partition's summary forgotten
   * after 60 s (longer than a dead instance's 45 s session timeout, after which its partitions move
   * and their new owner reports).
   */
  public static CapacityConfig defaults(KrakoTopics topics, String instanceId) {
    return new CapacityConfig(
        topics,
        instanceId,
        AdmissionThresholds.defaults(),
        ScalePolicy.defaults(),
        Duration.ofSeconds(60),
        Duration.ofSeconds(5),
        Duration.ofSeconds(90),
        Duration.ofMinutes(30),
        Duration.ofSeconds(60));
  }
}
