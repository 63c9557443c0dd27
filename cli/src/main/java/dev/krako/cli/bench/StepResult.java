package dev.krako.cli.bench;

import java.util.Map;

/**
 * One open-loop step, summarized.
 *
 * @param offeredSessionsPerSec the rate the step published at
 * @param windowSeconds the length of the measurement window (the step minus its first fifth)
 * @param backlogAtStart sessions of earlier steps still unfinished when this step began (the wait
 *     for them timed out); 0 normally
 * @param unfinished sessions without a result when the step's drain ended
 * @param sessionsPerSec session results that arrived in the window, per second
 * @param completionRatio {@code sessionsPerSec / offeredSessionsPerSec}: below 1 the system falls
 *     behind
 * @param workUnitsCompletedPerSec units completed in the sessions whose results arrived in the
 *     window, per second
 * @param workUnitsBilledPerSec ledger entries (one per completed CPU unit, one per model
 *     invocation) that arrived in the window, per second
 * @param latency publish (due time) to result record, every session of the step
 * @param latencyByShape the same per {@link SessionShape} name
 * @param failedByStopReason the failed sessions counted by their result's stop reason
 */
record StepResult(
    String label,
    Kind kind,
    double offeredSessionsPerSec,
    double windowSeconds,
    long backlogAtStart,
    long published,
    long sendFailures,
    long rejected,
    long failedSessions,
    long unfinished,
    double sessionsPerSec,
    double completionRatio,
    double workUnitsCompletedPerSec,
    double workUnitsBilledPerSec,
    double llmInvocationsBilledPerSec,
    LatencySummary latency,
    Map<String, LatencySummary> latencyByShape,
    Usage usage,
    Map<String, Long> failedByStopReason) {

  StepResult {
    // Reports written before the field existed have none (krako bench --render reads them).
    failedByStopReason = failedByStopReason == null ? Map.of() : Map.copyOf(failedByStopReason);
  }

  /** Why the step ran. */
  enum Kind {
    WARMUP,
    SEARCH,
    LEVEL
  }

  /** The latency of one shape, or {@link LatencySummary#EMPTY} when it had no session. */
  LatencySummary latencyOf(SessionShape shape) {
    return latencyByShape.getOrDefault(shape.name(), LatencySummary.EMPTY);
  }
}
