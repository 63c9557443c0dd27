package dev.krako.benchmarks;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Adds the CPU time of the benchmark's JVM per operation to each iteration ({@code -prof
 * dev.krako.benchmarks.ProcessCpuProfiler}). On a machine shared with others' builds, the time per
 * operation measures the machine's load as much as the code: a benchmark thread that gets a sixth
 * of a core looks six times slower. The CPU time it was given does not depend on how long it waited
 * for a core, so it is the figure to compare across runs; {@code cpu.share} says how much of one
 * core the JVM got during the iteration. The JVM's CPU time includes its GC and JIT threads: after
 * warm-up the JIT is quiet, and the GC's work is part of what an operation costs.
 */
public final class ProcessCpuProfiler implements InternalProfiler {

  private final OperatingSystemMXBean os =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private CpuUsage.Sample start;

  @Override
  public String getDescription() {
    return "The benchmark JVM's CPU time per operation, and the share of a core it got";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    start = sample();
  }

  @Override
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    CpuUsage usage = new CpuUsage(start, sample(), result.getMetadata().getAllOps());
    return List.of(
        new ScalarResult("cpu.per.op", usage.cpuMicrosPerOp(), "us/op", AggregationPolicy.AVG),
        new ScalarResult("cpu.share", usage.coresUsed(), "cores", AggregationPolicy.AVG));
  }

  private CpuUsage.Sample sample() {
    return new CpuUsage.Sample(os.getProcessCpuTime(), System.nanoTime());
  }
}
