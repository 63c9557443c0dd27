package dev.krako.cli.bench;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * What one step observed, filled by the load generator and the result collector (two threads).
 *
 * <p>Two different things are counted. Latency is per session published by this step, recorded
 * whenever its result arrives (also after the step, while it drains). Throughput is what arrived in
 * the step's measurement window, whoever published it; the window leaves out the step's first
 * fifth, while the pipeline fills.
 */
final class StepRecorder {

  private final String label;
  private final double offeredRate;
  private final long windowStartNanos;
  private final long windowEndNanos;
  private final Histogram all = LatencySummary.newHistogram();
  private final Map<SessionShape, Histogram> byShape = new EnumMap<>(SessionShape.class);
  private final Map<String, Long> failedByStopReason = new TreeMap<>();
  private long published;
  private long sendFailures;
  private long rejected;
  private long succeeded;
  private long failed;
  private long completedInWindow;
  private long unitsInWindow;
  private long cpuBilledInWindow;
  private long llmBilledInWindow;

  StepRecorder(String label, OpenLoopSchedule schedule) {
    this.label = label;
    this.offeredRate = schedule.ratePerSecond();
    this.windowStartNanos = schedule.startNanos() + schedule.durationNanos() / 5;
    this.windowEndNanos = schedule.endNanos();
  }

  String label() {
    return label;
  }

  synchronized void published() {
    published++;
  }

  /** How many sessions this step has published so far. */
  synchronized long publishedSoFar() {
    return published;
  }

  synchronized void sendFailed() {
    sendFailures++;
  }

  synchronized void rejected() {
    rejected++;
  }

  /**
   * A result of a session this step published.
   *
   * @param stopReason null when the session succeeded; otherwise its result's stop reason
   */
  synchronized void session(SessionShape shape, long latencyNanos, String stopReason) {
    long micros = Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos));
    all.recordValue(micros);
    byShape.computeIfAbsent(shape, s -> LatencySummary.newHistogram()).recordValue(micros);
    if (stopReason == null) {
      succeeded++;
    } else {
      failed++;
      failedByStopReason.merge(stopReason, 1L, Long::sum);
    }
  }

  /** A result that arrived at {@code arrivalNanos}, with {@code units} completed units. */
  synchronized void completion(long arrivalNanos, int units) {
    if (inWindow(arrivalNanos)) {
      completedInWindow++;
      unitsInWindow += units;
    }
  }

  /** A ledger entry that arrived at {@code arrivalNanos}. */
  synchronized void billed(long arrivalNanos, boolean llm) {
    if (inWindow(arrivalNanos)) {
      if (llm) {
        llmBilledInWindow++;
      } else {
        cpuBilledInWindow++;
      }
    }
  }

  /** Sessions published that have neither a result nor a rejection (nor failed to send). */
  synchronized long unfinished() {
    return published - sendFailures - rejected - succeeded - failed;
  }

  synchronized StepResult summarize(StepResult.Kind kind, Usage usage) {
    return summarize(kind, usage, 0);
  }

  /**
   * @param backlogAtStart sessions of earlier steps still in flight when this one started
   */
  synchronized StepResult summarize(StepResult.Kind kind, Usage usage, long backlogAtStart) {
    double seconds = (windowEndNanos - windowStartNanos) / 1e9;
    Map<String, LatencySummary> shapes = new java.util.TreeMap<>();
    byShape.forEach((shape, h) -> shapes.put(shape.name(), LatencySummary.of(h)));
    double sessionsPerSec = completedInWindow / seconds;
    return new StepResult(
        label,
        kind,
        offeredRate,
        seconds,
        backlogAtStart,
        published,
        sendFailures,
        rejected,
        failed,
        unfinished(),
        sessionsPerSec,
        sessionsPerSec / offeredRate,
        unitsInWindow / seconds,
        (cpuBilledInWindow + llmBilledInWindow) / seconds,
        llmBilledInWindow / seconds,
        LatencySummary.of(all),
        shapes,
        usage,
        failedByStopReason);
  }

  private boolean inWindow(long nanos) {
    return nanos - windowStartNanos >= 0 && windowEndNanos - nanos > 0;
  }
}
