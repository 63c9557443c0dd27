package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * The warm-up against a fake system whose capacity, latency and JIT activity are given per window
 * number (from 0), as a cold JVM's improve over its first minutes.
 */
class WarmUpTest {

  private static final Duration WINDOW = Duration.ofSeconds(10);

  private final List<Double> offered = new ArrayList<>();

  private WarmUp.Trial system(
      IntToDoubleFunction capacity, IntToDoubleFunction p50, IntToDoubleFunction jit) {
    return rate -> {
      int n = offered.size();
      offered.add(rate);
      double done = Math.min(rate, capacity.applyAsDouble(n));
      double median = p50.applyAsDouble(n);
      LatencySummary latency =
          new LatencySummary(100, median, median * 2, median * 3, median * 4, median);
      StepResult step = MaxRateSearchTest.step(rate, done, median * 3);
      StepResult withLatency =
          new StepResult(
              step.label(),
              StepResult.Kind.WARMUP,
              step.offeredSessionsPerSec(),
              step.windowSeconds(),
              0,
              step.published(),
              0,
              0,
              0,
              0,
              step.sessionsPerSec(),
              step.completionRatio(),
              step.workUnitsCompletedPerSec(),
              step.workUnitsBilledPerSec(),
              0,
              latency,
              step.latencyByShape(),
              step.usage(),
              step.failedByStopReason());
      return new WarmUp.Window(withLatency, jit.applyAsDouble(n));
    };
  }

  private static WarmUp warmUp(Duration minimum, Duration maximum) {
    return new WarmUp(2, 16, WINDOW, minimum, maximum, SustainabilityRule.defaults());
  }

  @Test
  void aWarmSystemRampsToTheTopRateAndSettlesAfterTwoSteadyWindowsThere() throws Exception {
    WarmUp.Outcome outcome =
        warmUp(Duration.ofSeconds(30), Duration.ofMinutes(4))
            .run(system(n -> 100, n -> 150, n -> 0.01));

    assertThat(offered).containsExactly(2.0, 4.0, 8.0, 16.0, 16.0);
    assertThat(outcome.settled()).isTrue();
    assertThat(outcome.lastSustainedRate()).isEqualTo(16.0);
    assertThat(outcome.verdict()).startsWith("settled after 50 s at 16.0 sessions/s");
  }

  @Test
  void waitsWhileTheJitCompilesEvenWhenLatencyIsSteady() throws Exception {
    WarmUp.Outcome outcome =
        warmUp(Duration.ofSeconds(30), Duration.ofMinutes(4))
            .run(system(n -> 100, n -> 150, n -> n < 8 ? 0.4 : 0.02));

    assertThat(offered).hasSize(9); // windows 0-7 compile hard; window 8 is the first quiet one
    assertThat(outcome.settled()).isTrue();
  }

  @Test
  void waitsWhileLatencyStillFalls() throws Exception {
    // p50 falls by a third every window until window 6, then stays at 100 ms.
    WarmUp.Outcome outcome =
        warmUp(Duration.ofSeconds(30), Duration.ofMinutes(4))
            .run(system(n -> 100, n -> 100 * Math.pow(1.5, Math.max(0, 6 - n)), n -> 0.0));

    assertThat(offered).hasSize(8); // windows 6 and 7 are the first two at 100 ms
    assertThat(outcome.settled()).isTrue();
  }

  @Test
  void backsOffWhenAColdSystemFallsBehindAndClimbsAgainOnceItKeepsUp() throws Exception {
    // Capacity 5 sessions/s for the first four windows, then 100.
    WarmUp.Outcome outcome =
        warmUp(Duration.ofSeconds(30), Duration.ofMinutes(4))
            .run(system(n -> n < 4 ? 5 : 100, n -> 150, n -> 0.0));

    assertThat(offered).startsWith(2.0, 4.0, 8.0, 4.0, 8.0, 16.0, 16.0);
    assertThat(outcome.settled()).isTrue();
  }

  @Test
  void givesUpAtTheMaximumAndSaysItDidNotSettle() throws Exception {
    WarmUp.Outcome outcome =
        warmUp(Duration.ofSeconds(30), Duration.ofSeconds(60))
            .run(system(n -> 100, n -> 150, n -> 0.5));

    assertThat(offered).hasSize(6);
    assertThat(outcome.settled()).isFalse();
    assertThat(outcome.lastSustainedRate()).isEqualTo(16.0);
    assertThat(outcome.verdict())
        .startsWith("not settled within 60 s")
        .contains("Krako's JIT load 0.50");
  }

  @Test
  void neverEndsBeforeItsMinimum() throws Exception {
    warmUp(Duration.ofSeconds(90), Duration.ofMinutes(4)).run(system(n -> 100, n -> 150, n -> 0.0));

    assertThat(offered).hasSize(9);
  }

  @Test
  void aJvmThatDoesNotTimeItsCompilersIsJudgedByLatencyAlone() throws Exception {
    WarmUp.Outcome outcome =
        warmUp(Duration.ofSeconds(30), Duration.ofMinutes(4))
            .run(system(n -> 100, n -> 150, n -> Double.NaN));

    assertThat(outcome.settled()).isTrue();
    assertThat(offered).hasSize(5);
  }

  @Test
  void refusesATopRateBelowItsStartOrAMaximumBelowItsMinimum() {
    assertThatThrownBy(
            () ->
                new WarmUp(
                    8,
                    4,
                    WINDOW,
                    Duration.ZERO,
                    Duration.ofMinutes(1),
                    SustainabilityRule.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                new WarmUp(
                    2,
                    16,
                    WINDOW,
                    Duration.ofMinutes(2),
                    Duration.ofMinutes(1),
                    SustainabilityRule.defaults()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
