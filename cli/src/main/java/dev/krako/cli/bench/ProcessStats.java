package dev.krako.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * CPU time and resident memory of the processes under test, read from the JVM's management beans
 * and from Linux's {@code /proc}. Krako and the bench's own load generator share this JVM: the
 * generator's threads (named {@code krako-bench-*}, its Kafka clients' threads included) are
 * measured apart with {@link ThreadMXBean} and subtracted. The broker is a child JVM, read from
 * {@code /proc/<pid>}.
 */
final class ProcessStats implements AutoCloseable {

  /** The marker in the names of the generator's threads and Kafka client ids. */
  static final String BENCH_THREADS = "krako-bench";

  private static final String BROKER_MAIN = "dev.krako.kafka.local.BrokerMain";

  /** Linux's USER_HZ, the unit of {@code /proc/<pid>/stat} times, on every common platform. */
  private static final long CLOCK_TICKS_PER_SECOND = 100;

  private static final long NANOS_PER_TICK = 1_000_000_000L / CLOCK_TICKS_PER_SECOND;

  /** One reading; times in nanoseconds, memory in bytes, -1 where unknown. */
  record Sample(
      long wallNanos,
      long jvmCpuNanos,
      long benchThreadsCpuNanos,
      long jvmRssBytes,
      long jitCpuNanos,
      long brokerCpuNanos,
      long brokerRssBytes,
      long machineBusyTicks,
      long machineTotalTicks,
      Map<String, Long> brokerRequests) {}

  private final OptionalLong brokerPid;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** The broker's request counters; null until attached, or when they cannot be read. */
  private BrokerRequests requests;

  private boolean requestsUnavailable;

  ProcessStats(OptionalLong brokerPid) {
    this.brokerPid = brokerPid;
  }

  /**
   * The broker's requests so far by type, empty when unknown: no broker pid, or its JVM cannot be
   * attached to (said once, and the bench goes on without the figure).
   */
  private Map<String, Long> brokerRequests() {
    if (brokerPid.isEmpty() || requestsUnavailable) {
      return Map.of();
    }
    try {
      if (requests == null) {
        requests = BrokerRequests.attach(brokerPid.getAsLong());
      }
      return requests.counts();
    } catch (IOException | RuntimeException | LinkageError e) {
      // LinkageError: a runtime without the jdk.attach module
      requestsUnavailable = true;
      System.err.println(
          "krako bench: the broker's request counts are unavailable, its steps will go without"
              + " them: "
              + e);
      return Map.of();
    }
  }

  /** Lets go of the broker's management connection, if one was made. */
  @Override
  public void close() {
    if (requests != null) {
      try {
        requests.close();
      } catch (IOException e) {
        // the broker may be gone already: nothing to release
      }
      requests = null;
    }
  }

  Sample sample() {
    long[] machine = machineTicks(read(Path.of("/proc/stat")));
    long brokerCpu = -1;
    long brokerRss = -1;
    if (brokerPid.isPresent()) {
      Path proc = Path.of("/proc", Long.toString(brokerPid.getAsLong()));
      String stat = read(proc.resolve("stat"));
      brokerCpu = stat.isEmpty() ? -1 : cpuTicksOfStat(stat) * NANOS_PER_TICK;
      brokerRss = rssBytesOfStatus(read(proc.resolve("status")));
    }
    return new Sample(
        System.nanoTime(),
        os.getProcessCpuTime(),
        benchThreadsCpuNanos(),
        rssBytesOfStatus(read(Path.of("/proc/self/status"))),
        jitThreadsCpuNanos(Path.of("/proc/self/task")),
        brokerCpu,
        brokerRss,
        machine[0],
        machine[1],
        brokerRequests());
  }

  /** What happened between two samples. */
  static Usage between(Sample a, Sample b, double loadAverage1m) {
    double wall = b.wallNanos() - a.wallNanos();
    List<ProcessUsage> usage = new ArrayList<>();
    double bench = (b.benchThreadsCpuNanos() - a.benchThreadsCpuNanos()) / wall;
    double jvm = (b.jvmCpuNanos() - a.jvmCpuNanos()) / wall;
    usage.add(new ProcessUsage(ProcessUsage.KRAKO, jvm - bench, mib(b.jvmRssBytes())));
    if (a.jitCpuNanos() >= 0 && b.jitCpuNanos() >= 0) {
      usage.add(
          new ProcessUsage(
              ProcessUsage.KRAKO_JIT, (b.jitCpuNanos() - a.jitCpuNanos()) / wall, Double.NaN));
    }
    usage.add(new ProcessUsage(ProcessUsage.GENERATOR, bench, Double.NaN));
    if (a.brokerCpuNanos() >= 0 && b.brokerCpuNanos() >= 0) {
      usage.add(
          new ProcessUsage(
              ProcessUsage.BROKER,
              (b.brokerCpuNanos() - a.brokerCpuNanos()) / wall,
              mib(b.brokerRssBytes())));
    }
    long total = b.machineTotalTicks() - a.machineTotalTicks();
    double machineCores =
        total <= 0
            ? Double.NaN
            : (double) (b.machineBusyTicks() - a.machineBusyTicks()) * NANOS_PER_TICK / wall;
    return new Usage(
        usage,
        machineCores,
        loadAverage1m,
        BrokerRequests.perSecond(a.brokerRequests(), b.brokerRequests(), wall / 1e9));
  }

  /**
   * CPU time of this JVM's JIT compiler threads ({@code C1 CompilerThread*}, {@code C2
   * CompilerThread*}; Linux shows their first 15 characters in {@code comm}), from {@code
   * /proc/self/task}; -1 when unknown. Why: a warm-up that settled at one rate does not keep the
   * JIT quiet at another, and at 25 sessions/s the C2 thread took 0.11-0.40 cores of the level
   * after a settled warm-up (docs/performance.md, session 11); a step's figures say how much.
   */
  static long jitThreadsCpuNanos(Path tasks) {
    try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
      long ticks = 0;
      for (Path thread : threads.toList()) {
        String comm = read(thread.resolve("comm"));
        if (comm.startsWith("C1 CompilerThre") || comm.startsWith("C2 CompilerThre")) {
          String stat = read(thread.resolve("stat"));
          ticks += stat.isEmpty() ? 0 : cpuTicksOfStat(stat);
        }
      }
      return ticks * NANOS_PER_TICK;
    } catch (IOException | RuntimeException e) {
      return -1; // not Linux: the figure is unknown
    }
  }

  /** The machine's 1-minute load average, NaN when unknown. */
  static double loadAverage1m() {
    String line = read(Path.of("/proc/loadavg"));
    return line.isBlank() ? Double.NaN : Double.parseDouble(line.trim().split("\\s+")[0]);
  }

  /** The broker's pid: a child JVM of ours that runs Kafka (the local broker does not say). */
  static OptionalLong findBrokerPid() {
    return ProcessHandle.current()
        .descendants()
        .filter(p -> commandLineOf(p).contains(BROKER_MAIN))
        .mapToLong(ProcessHandle::pid)
        .findFirst();
  }

  /**
   * The whole command line: {@link ProcessHandle.Info#commandLine()} cuts it at about 4 KiB, and a
   * broker started with our class path names its main class far beyond that.
   */
  private static String commandLineOf(ProcessHandle process) {
    String full = read(Path.of("/proc", Long.toString(process.pid()), "cmdline"));
    return full.isEmpty() ? process.info().commandLine().orElse("") : full.replace('\0', ' ');
  }

  /** utime + stime, in clock ticks, of a {@code /proc/<pid>/stat} line. */
  static long cpuTicksOfStat(String stat) {
    // The command name (field 2) may hold spaces and parentheses: count from the last ')'.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
  }

  /** VmRSS of a {@code /proc/<pid>/status} text, in bytes; -1 when absent. */
  static long rssBytesOfStatus(String status) {
    for (String line : status.split("\n")) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return -1;
  }

  /** {busy, total} ticks of the {@code cpu} line of {@code /proc/stat}; zeros when absent. */
  static long[] machineTicks(String procStat) {
    for (String line : procStat.split("\n")) {
      if (line.startsWith("cpu ")) {
        String[] f = line.trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) {
          total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
        return new long[] {total - idle, total};
      }
    }
    return new long[] {0, 0};
  }

  private long benchThreadsCpuNanos() {
    if (!threads.isThreadCpuTimeSupported()) {
      return 0;
    }
    long total = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null && info.getThreadName().contains(BENCH_THREADS)) {
        total += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return total;
  }

  private static double mib(long bytes) {
    return bytes < 0 ? Double.NaN : bytes / (1024.0 * 1024.0);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException | RuntimeException e) {
      return ""; // not Linux, or the process is gone: the figure is then unknown
    }
  }
}
