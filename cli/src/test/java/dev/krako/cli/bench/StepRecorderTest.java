package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class StepRecorderTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MS = 1_000_000L;
  private static final long START = 10 * SECOND;

  /** 10 s at 10/s: the window is [12 s, 20 s), 8 s long. */
  private final OpenLoopSchedule schedule = new OpenLoopSchedule(START, 10, 10 * SECOND);

  @Test
  void throughputCountsOnlyWhatArrivesInTheWindowAfterTheRampUp() {
    StepRecorder r = new StepRecorder("s", schedule);
    r.completion(START + SECOND, 5); // ramp-up: left out
    for (int i = 0; i < 80; i++) {
      r.completion(START + 2 * SECOND + i * 100 * MS, 7);
      r.billed(START + 2 * SECOND + i * 100 * MS, i % 10 == 0);
    }
    r.completion(START + 10 * SECOND, 5); // the window's end is excluded

    StepResult result = r.summarize(StepResult.Kind.LEVEL, Usage.NONE);

    assertThat(result.windowSeconds()).isEqualTo(8.0);
    assertThat(result.sessionsPerSec()).isEqualTo(10.0);
    assertThat(result.completionRatio()).isEqualTo(1.0);
    assertThat(result.workUnitsCompletedPerSec()).isEqualTo(70.0);
    assertThat(result.workUnitsBilledPerSec()).isEqualTo(10.0);
    assertThat(result.llmInvocationsBilledPerSec()).isEqualTo(1.0);
  }

  @Test
  void latencyPercentilesComeFromEverySessionOfTheStepOverallAndByShape() {
    StepRecorder r = new StepRecorder("s", schedule);
    for (int i = 1; i <= 100; i++) {
      r.published();
      r.session(SessionShape.CHAIN5, i * 10 * MS, null);
    }
    r.published();
    r.session(SessionShape.SINGLE, 5 * MS, "budget_exhausted");

    StepResult result = r.summarize(StepResult.Kind.LEVEL, Usage.NONE);

    LatencySummary chain = result.latencyOf(SessionShape.CHAIN5);
    assertThat(chain.count()).isEqualTo(100);
    assertThat(chain.p50Ms()).isCloseTo(500, within(1.0));
    assertThat(chain.p95Ms()).isCloseTo(950, within(1.0));
    assertThat(chain.p99Ms()).isCloseTo(990, within(1.0));
    assertThat(chain.maxMs()).isCloseTo(1000, within(1.0));
    assertThat(result.latency().count()).isEqualTo(101);
    assertThat(result.latencyOf(SessionShape.FANOUT20)).isEqualTo(LatencySummary.EMPTY);
    assertThat(result.failedSessions()).isEqualTo(1);
    assertThat(result.failedByStopReason()).containsExactly(entry("budget_exhausted", 1L));
    assertThat(result.unfinished()).isZero();
  }

  @Test
  void whatWasPublishedAndHasNoOutcomeIsUnfinished() {
    StepRecorder r = new StepRecorder("s", schedule);
    for (int i = 0; i < 5; i++) {
      r.published();
    }
    r.session(SessionShape.DIAMOND, MS, null);
    r.rejected();
    r.sendFailed();

    assertThat(r.unfinished()).isEqualTo(2);
  }
}
