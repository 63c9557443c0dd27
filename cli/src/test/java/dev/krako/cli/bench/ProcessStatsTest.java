package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        new ProcessStats.Sample(
            0,
            1_000_000_000L,
            100_000_000L,
            1L << 30,
            200_000_000L,
            0,
            1L << 29,
            100,
            1_000,
            Map.of());
    ProcessStats.Sample b =
        new ProcessStats.Sample(
            2_000_000_000L,
            3_000_000_000L,
            200_000_000L,
            1L << 30,
            600_000_000L,
            1_000_000_000L,
            1L << 29,
            400,
            1_400,
            Map.of());

    Usage usage = ProcessStats.between(a, b, 3.5);

    assertThat(usage.processes())
        .extracting(ProcessUsage::process)
        .containsExactly(
            ProcessUsage.KRAKO,
            ProcessUsage.KRAKO_JIT,
            ProcessUsage.GENERATOR,
            ProcessUsage.BROKER);
    assertThat(usage.processes().get(0).cpuCores()).isCloseTo(0.95, within(1e-9));
    assertThat(usage.processes().get(0).rssMiB()).isEqualTo(1024);
    assertThat(usage.processes().get(1).cpuCores()).isCloseTo(0.2, within(1e-9)); // part of 0.95
    assertThat(usage.processes().get(1).shortName()).isEqualTo("of which JIT");
    assertThat(usage.processes().get(2).cpuCores()).isCloseTo(0.05, within(1e-9));
    assertThat(usage.processes().get(3).cpuCores()).isCloseTo(0.5, within(1e-9));
    assertThat(usage.processes().get(3).rssMiB()).isEqualTo(512);
    assertThat(usage.machineBusyCores()).isCloseTo(1.5, within(1e-9)); // 300 ticks of 10 ms in 2 s
    assertThat(usage.loadAverage1m()).isEqualTo(3.5);
  }

  @Test
  void theBrokersRequestsAreRatesOverTheStep() {
    ProcessStats.Sample a =
        new ProcessStats.Sample(
            0, 0, 0, 1, 0, 0, 1, 0, 1, Map.of("Produce", 100L, "EndTxn", 10L, "Heartbeat", 3L));
    ProcessStats.Sample b =
        new ProcessStats.Sample(
            2_000_000_000L,
            0,
            0,
            1,
            0,
            0,
            1,
            0,
            1,
            Map.of("Produce", 700L, "EndTxn", 310L, "Heartbeat", 3L));

    Usage usage = ProcessStats.between(a, b, 1);

    assertThat(usage.brokerRequestsPerSec())
        .containsExactly(Map.entry("EndTxn", 150.0), Map.entry("Produce", 300.0));
    assertThat(usage.brokerRequestsTotalPerSec()).isCloseTo(450.0, within(1e-9));
    assertThat(usage.transactionsPerSec()).isCloseTo(150.0, within(1e-9));
  }

  @Test
  void withoutABrokerPidOnlyThisJvmIsReported() {
    ProcessStats stats = new ProcessStats(OptionalLong.empty());

    ProcessStats.Sample a = stats.sample();
    ProcessStats.Sample b = stats.sample();

    assertThat(b.jvmCpuNanos()).isGreaterThanOrEqualTo(a.jvmCpuNanos());
    assertThat(b.jvmRssBytes()).isPositive();
    assertThat(ProcessStats.between(a, b, 1).processes())
        .extracting(ProcessUsage::process)
        .containsExactly(ProcessUsage.KRAKO, ProcessUsage.KRAKO_JIT, ProcessUsage.GENERATOR);
    assertThat(ProcessStats.between(a, b, 1).brokerRequestsPerSec()).isEmpty();
  }

  @Test
  void countsOnlyTheJitCompilerThreadsOfAProcFolder(@TempDir Path tasks) throws Exception {
    thread(tasks, "101", "C2 CompilerThre", "101 (C2 CompilerThre) S 1 1 1 0 -1 0 0 0 0 0 300 20");
    thread(tasks, "102", "C1 CompilerThre", "102 (C1 CompilerThre) S 1 1 1 0 -1 0 0 0 0 0 50 5");
    thread(tasks, "103", "bench-2026112", "103 (bench-2026112) S 1 1 1 0 -1 0 0 0 0 0 900 90");

    // (320 + 55) ticks of 10 ms
    assertThat(ProcessStats.jitThreadsCpuNanos(tasks)).isEqualTo(3_750_000_000L);
    assertThat(ProcessStats.jitThreadsCpuNanos(tasks.resolve("absent"))).isEqualTo(-1);
  }

  @Test
  void findsThisJvmsJitCompilerThreads() {
    assertThat(ProcessStats.jitThreadsCpuNanos(Path.of("/proc/self/task")))
        .as("a HotSpot JVM on Linux has at least one compiler thread, and this one has run")
        .isPositive();
  }

  private static void thread(Path tasks, String tid, String comm, String stat) throws Exception {
    Path dir = Files.createDirectories(tasks.resolve(tid));
    Files.writeString(dir.resolve("comm"), comm + "\n");
    Files.writeString(dir.resolve("stat"), stat + " 0 0 20 0 57 0 900\n");
  }
}
