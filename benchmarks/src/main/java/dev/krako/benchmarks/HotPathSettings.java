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
 *   <li>{@code -Xbatch}, compilation in the foreground: on this shared machine the JIT's threads
 *       got a fifth of a core, and a benchmark's score settled only after 24 s of warm-up, by which
 *       time the JVM had spent 19.7 s of CPU compiling; compiling in the benchmark's own thread
 *       makes the warm-up wait for its code instead (docs/performance-jmh.md). The compiled code is
 *       the same.
 *   <li>5 warm-up iterations of 2 s: on this shared machine, 3 of 1 s were not enough: the JVM got
 *       a fifth of a core, the JIT compilers with it, and the ingress parser's CPU per operation
 *       still fell 4-6x through the measured iterations (docs/performance-jmh.md, run 1).
 *   <li>5 measured iterations of 1 s: these paths take microseconds to milliseconds, so each
 *       iteration holds hundreds to hundreds of thousands of operations; 5 give JMH an error bar.
 * </ul>
 *
 * <p>JMH generates subclasses of each benchmark class, so these classes are not final.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-Xbatch"})
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
public abstract class HotPathSettings {}
