package dev.krako.topology.orchestration;

import dev.krako.topics.KrakoTopics;
import java.time.Duration;
import java.util.Objects;

/**
 * The typed configuration of the orchestration topology.
 *
 * @param instanceId names this instance in the events it emits ({@code source.id})
 * @param timerScanInterval how often due retry timers are looked for (wall-clock time)
 * @param timerScanLimit how many timers one scan fires at most, so a scan stays short
 */
public record OrchestrationConfig(
    KrakoTopics topics, String instanceId, Duration timerScanInterval, int timerScanLimit) {

  public OrchestrationConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(instanceId, "instanceId");
    if (timerScanInterval.isNegative() || timerScanInterval.isZero()) {
      throw new IllegalArgumentException("timerScanInterval must be positive");
    }
    if (timerScanLimit < 1) {
      throw new IllegalArgumentException("timerScanLimit must be at least 1");
    }
  }

  /** 100 ms scans of at most 1,000 timers: backoff is honoured to within a scan interval. */
  public static OrchestrationConfig defaults(KrakoTopics topics, String instanceId) {
    return new OrchestrationConfig(topics, instanceId, Duration.ofMillis(100), 1_000);
  }
}
