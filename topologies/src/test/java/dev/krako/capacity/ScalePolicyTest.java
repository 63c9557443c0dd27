package dev.krako.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ScalePolicyTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long WINDOW = 60_000;
  private final ScalePolicy policy = ScalePolicy.defaults();

  private static PoolObservation cpu(int nodes, int waiting, long oldestMs, int completed) {
    return new PoolObservation(Pool.CPU, nodes, waiting, oldestMs, 0, completed, completed, WINDOW);
  }

  @Test
  void aBacklogAsksForEnoughNodesToDrainItAtTheMeasuredThroughput() {
    // 2 nodes completed 1,200 units in 60 s: 10 units/s per node, 300 per node per 30 s drain.
    ScaleRequest request =
        policy.suggest(cpu(2, 900, 4_000, 1_200), Optional.empty(), T0).orElseThrow();

    assertThat(request.suggestedSize()).isEqualTo(5);
    assertThat(request.pool()).isEqualTo(Pool.CPU);
    assertThat(request.reason()).contains("900 ready units waiting");
  }

  @Test
  void aStuckPoolWithoutThroughputGetsOneNodePerFiftyWaiting() {
    ScaleRequest request =
        policy.suggest(cpu(0, 120, 15_000, 0), Optional.empty(), T0).orElseThrow();

    assertThat(request.suggestedSize()).isEqualTo(3);
  }

  @Test
  void theSuggestionIsCappedAtTheMaximum() {
    assertThat(
            policy
                .suggest(cpu(1, 100_000, 0, 60), Optional.empty(), T0)
                .orElseThrow()
                .suggestedSize())
        .isEqualTo(50);
  }

  @Test
  void aBusyPoolWithoutBacklogAsksForNothing() {
    assertThat(policy.suggest(cpu(3, 10, 500, 3_000), Optional.empty(), T0)).isEmpty();
  }

  @Test
  void anIdlePoolAsksToShrinkToTheMinimum() {
    ScaleRequest request = policy.suggest(cpu(4, 0, 0, 0), Optional.empty(), T0).orElseThrow();

    assertThat(request.suggestedSize()).isEqualTo(1);
    assertThat(policy.suggest(cpu(1, 0, 0, 0), Optional.empty(), T0)).isEmpty();
  }

  @Test
  void theSameSizeIsRepeatedOnlyAfterTheRepeatIntervalAndANewOneAfterTheMinimumInterval() {
    PoolObservation backlog = cpu(0, 120, 15_000, 0);
    Optional<LastRequest> sent = Optional.of(new LastRequest(3, T0, 0));

    assertThat(policy.suggest(backlog, sent, T0.plusSeconds(299))).isEmpty();
    assertThat(policy.suggest(backlog, sent, T0.plusSeconds(300))).isPresent();
    PoolObservation bigger = cpu(0, 400, 15_000, 0);
    assertThat(policy.suggest(bigger, sent, T0.plusSeconds(29))).isEmpty();
    assertThat(policy.suggest(bigger, sent, T0.plusSeconds(30)).orElseThrow().suggestedSize())
        .isEqualTo(8);
  }
}
