package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessStatsTest {

  @Test
  void readsUserAndSystemTicksEvenWhenTheCommandNameHasSpacesAndParentheses() {
    String stat =
        "4242 (java (kafka) x) S 1 4242 4242 0 -1 4194560 123 0 0 0 1500 250 7 3 20 0 57 0 900"
            + " 4000000000 100000 18446744073709551615";

    assertThat(ProcessStats.cpuTicksOfStat(stat)).isEqualTo(1_750);
  }

  @Test
  void readsTheResidentSetFromStatus() {
    String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  409600 kB\nThreads:\t88\n";

    assertThat(ProcessStats.rssBytesOfStatus(status)).isEqualTo(409_600L * 1024);
    assertThat(ProcessStats.rssBytesOfStatus("Name:\tzombie\n")).isEqualTo(-1);
  }

  @Test
  void countsIdleAndIoWaitAsNotBusy() {
    String procStat = "cpu  100 5 50 800 40 0 5 0 0 0\ncpu0 50 2 25 400 20 0 3 0 0 0\n";

    long[] ticks = ProcessStats.machineTicks(procStat);

    assertThat(ticks[1]).isEqualTo(1_000);
    assertThat(ticks[0]).isEqualTo(160);
  }

  @Test
  void splitsTheBenchThreadsFromTheRestOfTheJvmAndReportsTheBroker() {
    ProcessStats.Sample a =
        new ProcessStats.Sample(0, 1_000_000_000L, 100_000_000L, 1L << 30, 0, 1L << 29, 100, 1_000);
    ProcessStats.Sample b =
        new ProcessStats.Sample(
            2_000_000_000L,
            3_000_000_000L,
            200_000_000L,
            1L << 30,
            1_000_000_000L,
            1L << 29,
            400,
            1_400);

    Usage usage = ProcessStats.between(a, b, 3.5);

    assertThat(usage.processes())
        .extracting(ProcessUsage::process)
        .containsExactly(ProcessUsage.KRAKO, ProcessUsage.GENERATOR, ProcessUsage.BROKER);
    assertThat(usage.processes().get(0).cpuCores()).isCloseTo(0.95, within(1e-9));
    assertThat(usage.processes().get(0).rssMiB()).isEqualTo(1024);
    assertThat(usage.processes().get(1).cpuCores()).isCloseTo(0.05, within(1e-9));
    assertThat(usage.processes().get(2).cpuCores()).isCloseTo(0.5, within(1e-9));
    assertThat(usage.processes().get(2).rssMiB()).isEqualTo(512);
    assertThat(usage.machineBusyCores()).isCloseTo(1.5, within(1e-9)); // 300 ticks of 10 ms in 2 s
    assertThat(usage.loadAverage1m()).isEqualTo(3.5);
  }

  @Test
  void withoutABrokerPidOnlyThisJvmIsReported() {
    ProcessStats stats = new ProcessStats(OptionalLong.empty());

    ProcessStats.Sample a = stats.sample();
    ProcessStats.Sample b = stats.sample();

    assertThat(b.jvmCpuNanos()).isGreaterThanOrEqualTo(a.jvmCpuNanos());
    assertThat(b.jvmRssBytes()).isPositive();
    assertThat(ProcessStats.between(a, b, 1).processes()).hasSize(2);
  }
}
