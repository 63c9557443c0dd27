package dev.krako.cli.bench;

import java.util.Optional;

/**
 * When an offered load counts as sustained: results keep up with publishing (completions in the
 * window at least {@code minCompletionRatio} of the offered count, or at most {@link #COUNT_SLACK}
 * short of it), the tail stays bounded (p99 at most {@code maxP99Ms}), and nothing was lost.
 */
record SustainabilityRule(double minCompletionRatio, double maxP99Ms) {

  /**
   * Sessions a window may lack before the ratio counts: at a few sessions per second a window holds
   * a few dozen completions, and sessions of different shapes crossing its edges move the count by
   * a few either way without anything falling behind.
   */
  static final int COUNT_SLACK = 3;

  /** Falling behind by more than 10 %, or a p99 above 5 s, is not sustained. */
  static SustainabilityRule defaults() {
    return new SustainabilityRule(0.9, 5_000);
  }

  /** Why the step was not sustained, or empty when it was. */
  Optional<String> violation(StepResult step) {
    if (step.published() == 0) {
      return Optional.of("nothing was published");
    }
    double expected = step.offeredSessionsPerSec() * step.windowSeconds();
    double completed = step.sessionsPerSec() * step.windowSeconds();
    if (completed < Math.min(minCompletionRatio * expected, expected - COUNT_SLACK)) {
      return Optional.of(
          String.format(
              "completions %.1f/s are %.0f %% of the offered %.1f/s",
              step.sessionsPerSec(), 100 * step.completionRatio(), step.offeredSessionsPerSec()));
    }
    if (!(step.latency().p99Ms() <= maxP99Ms)) {
      return Optional.of(
          String.format("p99 %.0f ms is above %.0f ms", step.latency().p99Ms(), maxP99Ms));
    }
    if (step.unfinished() > 0 || step.rejected() > 0 || step.sendFailures() > 0) {
      return Optional.of(
          String.format(
              "%d unfinished, %d rejected, %d not sent",
              step.unfinished(), step.rejected(), step.sendFailures()));
    }
    return Optional.empty();
  }

  boolean sustained(StepResult step) {
    return violation(step).isEmpty();
  }
}
