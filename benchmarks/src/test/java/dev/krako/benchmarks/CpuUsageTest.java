package dev.krako.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class CpuUsageTest {

  @Test
  void cpuTimeIsSharedOverTheOperations() {
    CpuUsage usage =
        new CpuUsage(new CpuUsage.Sample(1_000_000, 0), new CpuUsage.Sample(5_000_000, 0), 200);

    assertThat(usage.cpuMicrosPerOp()).isEqualTo(20.0);
  }

  @Test
  void aSixthOfACoreIsASixthOfTheWallTime() {
    CpuUsage usage =
        new CpuUsage(
            new CpuUsage.Sample(0, 1_000_000_000L),
            new CpuUsage.Sample(250_000_000L, 2_500_000_000L),
            1);

    assertThat(usage.coresUsed()).isCloseTo(1.0 / 6, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void anIterationWithoutOperationsHasNoCostPerOperation() {
    CpuUsage usage = new CpuUsage(new CpuUsage.Sample(0, 0), new CpuUsage.Sample(10, 10), 0);

    assertThat(usage.cpuMicrosPerOp()).isNaN();
  }
}
