package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The search against a fake system that completes at most {@code capacity} sessions/s. */
class MaxRateSearchTest {

  private final List<Double> offered = new ArrayList<>();

  private MaxRateSearch.Trial system(double capacity, double p99AtCapacityMs) {
    return rate -> {
      offered.add(rate);
      double done = Math.min(rate, capacity);
      double p99 = p99AtCapacityMs * Math.min(1, rate / capacity);
      return step(rate, done, p99);
    };
  }

  static StepResult step(double rate, double done, double p99) {
    LatencySummary latency = new LatencySummary(100, p99 / 3, p99 / 2, p99, p99, p99 / 3);
    return new StepResult(
        "fake",
        StepResult.Kind.SEARCH,
        rate,
        8,
        0,
        100,
        0,
        0,
        0,
        0,
        done,
        done / rate,
        done * 7.25,
        done * 7.25,
        0,
        latency,
        Map.of(),
        Usage.NONE,
        Map.of());
  }

  @Test
  void doublesUntilTheSystemFallsBehindThenBisectsToWithinThePrecision() throws Exception {
    MaxRateSearch search = new MaxRateSearch(2, 12, 0.15, SustainabilityRule.defaults());

    MaxRateSearch.Outcome outcome = search.search(system(27, 800));

    // 2, 4, 8, 16, 32 (27/32 = 84 %: behind), 24, 28 (27/28 = 96 %), then 32 again to confirm.
    assertThat(offered).containsExactly(2.0, 4.0, 8.0, 16.0, 32.0, 24.0, 28.0, 32.0);
    assertThat(outcome.maxSustainedRate()).isBetween(27.0 / 1.15, 30.0);
    assertThat(outcome.steps()).hasSameSizeAs(offered);
  }

  @Test
  void aFailureThatDoesNotRepeatDoesNotCapTheResult() throws Exception {
    MaxRateSearch.Trial coldFirstStep =
        rate -> {
          offered.add(rate);
          double capacity = offered.size() == 1 ? 0.5 : 10; // the first step ran cold
          return step(rate, Math.min(rate, capacity), 800);
        };

    MaxRateSearch.Outcome outcome =
        new MaxRateSearch(2, 12, 0.15, SustainabilityRule.defaults()).search(coldFirstStep);

    // 2 (cold: fails), 1, 1.5, 1.75 (sustained), 2 again (sustained), then on up: 4, 8, 16 ...
    assertThat(offered).startsWith(2.0, 1.0, 1.5, 1.75, 2.0, 4.0, 8.0, 16.0);
    assertThat(outcome.maxSustainedRate()).isBetween(10 / 1.15, 10 / 0.9);
  }

  @Test
  void aTailAboveTheBoundIsNotSustainedEvenWhenCompletionsKeepUp() throws Exception {
    MaxRateSearch.Trial slowTail =
        rate -> {
          offered.add(rate);
          return step(rate, rate, rate >= 10 ? 6_000 : 900);
        };

    MaxRateSearch.Outcome outcome =
        new MaxRateSearch(2, 12, 0.15, SustainabilityRule.defaults()).search(slowTail);

    assertThat(outcome.maxSustainedRate()).isGreaterThanOrEqualTo(8.0).isLessThan(10.0);
  }

  @Test
  void whenNothingIsSustainedItHalvesDownToAnEighthAndReportsZero() throws Exception {
    MaxRateSearch.Outcome outcome =
        new MaxRateSearch(4, 12, 0.15, SustainabilityRule.defaults()).search(system(0.1, 100));

    assertThat(offered).containsExactly(4.0, 2.0, 1.0, 0.5);
    assertThat(outcome.maxSustainedRate()).isZero();
  }

  @Test
  void stopsAfterTheStepBudgetWithTheBestSoFar() throws Exception {
    MaxRateSearch.Outcome outcome =
        new MaxRateSearch(1, 3, 0.15, SustainabilityRule.defaults()).search(system(1_000, 100));

    assertThat(offered).containsExactly(1.0, 2.0, 4.0);
    assertThat(outcome.maxSustainedRate()).isEqualTo(4.0);
  }

  @Test
  void aFewSessionsShortAtALowRateIsEdgeNoiseNotFallingBehind() {
    // 2/s over an 8 s window: 16 expected; 13 is 81 % but only 3 short.
    assertThat(SustainabilityRule.defaults().sustained(step(2, 13 / 8.0, 900))).isTrue();
    assertThat(SustainabilityRule.defaults().sustained(step(2, 12 / 8.0, 900))).isFalse();
    // 20/s: 160 expected; 10 % short is 144.
    assertThat(SustainabilityRule.defaults().sustained(step(20, 144 / 8.0, 900))).isTrue();
    assertThat(SustainabilityRule.defaults().sustained(step(20, 143 / 8.0, 900))).isFalse();
  }

  @Test
  void lostOrUnfinishedSessionsAreNotSustained() {
    StepResult clean = step(10, 10, 100);
    StepResult lost =
        new StepResult(
            "x",
            StepResult.Kind.SEARCH,
            10,
            8,
            0,
            100,
            0,
            0,
            0,
            3,
            10,
            1,
            72,
            72,
            0,
            clean.latency(),
            Map.of(),
            Usage.NONE,
            Map.of());

    assertThat(SustainabilityRule.defaults().violation(clean)).isEmpty();
    assertThat(SustainabilityRule.defaults().violation(lost))
        .contains("3 unfinished, 0 rejected, 0 not sent");
  }

  @Test
  void aMaximumThatDoesNotHoldForALevelsStepIsLoweredUntilItDoes() throws Exception {
    MaxRateSearch search = new MaxRateSearch(2, 12, 0.15, SustainabilityRule.defaults());
    MaxRateSearch.Outcome searched = new MaxRateSearch.Outcome(224, List.of());
    // A long run keeps up with 180 sessions/s; above it a backlog builds (run 2de3's 224/s).
    MaxRateSearch.Outcome confirmed = search.confirm(searched, system(180, 900), 4, 0.9);

    // 224 (80 %), 201.6 (89 %: still behind), 181.4 (99 %): held.
    assertThat(offered).containsExactly(224.0, 201.6, 181.44);
    assertThat(confirmed.maxSustainedRate()).isEqualTo(181.44);
    assertThat(confirmed.steps()).hasSize(3);
  }

  @Test
  void aMaximumThatHoldsIsKeptAfterOneRun() throws Exception {
    MaxRateSearch search = new MaxRateSearch(2, 12, 0.15, SustainabilityRule.defaults());

    MaxRateSearch.Outcome confirmed =
        search.confirm(new MaxRateSearch.Outcome(150, List.of()), system(180, 900), 4, 0.9);

    assertThat(offered).containsExactly(150.0);
    assertThat(confirmed.maxSustainedRate()).isEqualTo(150.0);
  }

  @Test
  void whenNoConfirmationHoldsTheBestCompletionRateIsTheMaximum() throws Exception {
    MaxRateSearch search = new MaxRateSearch(2, 12, 0.15, SustainabilityRule.defaults());

    MaxRateSearch.Outcome confirmed =
        search.confirm(new MaxRateSearch.Outcome(300, List.of()), system(100, 900), 2, 0.9);

    assertThat(offered).containsExactly(300.0, 270.0);
    assertThat(confirmed.maxSustainedRate()).isEqualTo(100.0);
  }
}
