package dev.krako.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The JMH settings every benchmark here inherits, each with its reason. The command line overrides
 * any of them ({@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r}).
 *
 * <ul>
 *   <li>Average time per operation, in microseconds: the figures read directly as the cost of one
 *       record on a hop, and their inverse is that hop's ceiling per core.
 *   <li>One fork: the machine has 2 cores shared with others' builds, so more forks buy time, not
 *       precision; the JVM is still a fresh one, apart from Maven's and the harness's.
 *   <li>A fixed 1 GiB heap, the heap the tests run with: no heap resizing during a measurement, and
 *       the same GC ergonomics in every run.
 *   <li>3 warm-up and 5 measured iterations of 1 s: these paths take microseconds, so a second
 *       holds hundreds of thousands of operations, and C2 has compiled them before the first
 *       measured second.
 * </ul>
 *
 * <p>JMH generates subclasses of each benchmark class, so these classes are not final.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class HotPathSettings {}
