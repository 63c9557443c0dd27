package dev.krako.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PressureTest {

  private static PoolObservation pool(Pool pool, int nodes, int waiting, long oldestMs) {
    return new PoolObservation(pool, nodes, waiting, oldestMs, 0, 0, 0, 60_000);
  }

  @Test
  void waitingUnitsAddUpAndTheOldestWaitOfAPoolWithNodesCounts() {
    Pressure p =
        Pressure.of(List.of(pool(Pool.CPU, 2, 10, 4_000), pool(Pool.LLM_POD, 1, 5, 9_000)));

    assertThat(p).isEqualTo(new Pressure(15, 9_000));
  }

  @Test
  void aPoolWithoutLiveNodesAddsItsCountButNotItsAge() {
    Pressure p =
        Pressure.of(List.of(pool(Pool.CPU, 2, 10, 4_000), pool(Pool.CPU_TRUSTED, 0, 1, 600_000)));

    assertThat(p).isEqualTo(new Pressure(11, 4_000));
  }
}
