package dev.krako.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The bench's warm-up: short open-loop windows, the rate doubling from {@code startRate} up to
 * {@code topRate} while the system keeps up (halving when it does not), until the system is warm:
 * at least {@code minimum} has passed, the last window at the top rate was sustained, Krako's JIT
 * load in it was at most {@link #JIT_SETTLED_LOAD}, and its p50 is within {@link
 * #P50_SETTLED_RATIO} of the window before it, also at the top rate. It stops at {@code maximum}
 * whatever happens, and then says the system did not settle.
 *
 * <p>Why: the first two minutes of a run are the JIT's. Sampled per thread (docs/performance.md,
 * session 6), the C2 compiler of Krako's JVM took 0.34-0.57 of the two cores for about two minutes
 * after a start, and the broker's 0.29-0.31; a search that ran in that time found its maximum on a
 * machine a third busy with compiling, and one run's 64 sessions/s failed early and passed later. A
 * fixed warm-up is either too short on a slow day or wasted on a fast one; the criteria above are
 * what "warm" means for the figures that follow. Pure: windows run through a {@link Trial}, which
 * the bench backs with the real system and tests with a fake.
 */
final class WarmUp {

  /**
   * At or below this JIT load (seconds compiled per second, {@link Window#jitLoad()}) Krako's JIT
   * counts as settled: a twentieth of one compiler thread's time.
   */
  static final double JIT_SETTLED_LOAD = 0.05;

  /** Two windows at the top rate whose p50s differ by at most this factor: latency has settled. */
  static final double P50_SETTLED_RATIO = 1.25;

  /** Runs one window at an offered rate. */
  @FunctionalInterface
  interface Trial {
    Window run(double sessionsPerSecond) throws Exception;
  }

  /**
   * One window.
   *
   * @param jitLoad Krako's JVM's compilation time during the window over the window's wall time
   *     ({@code CompilationMXBean}: elapsed time summed over the compiler threads, so with several
   *     threads, or threads waiting for a CPU, it can exceed the cores they used); NaN where the
   *     JVM does not say
   */
  record Window(StepResult step, double jitLoad) {}

  /**
   * @param windows every window, in order
   * @param settled whether the system met the criteria before the maximum
   * @param lastSustainedRate the highest rate of a sustained window at the end, 0 if none was
   * @param verdict one sentence for the report
   */
  record Outcome(List<Window> windows, boolean settled, double lastSustainedRate, String verdict) {
    Outcome {
      windows = List.copyOf(windows);
    }
  }

  private final double startRate;
  private final double topRate;
  private final Duration window;
  private final Duration minimum;
  private final Duration maximum;
  private final SustainabilityRule rule;

  WarmUp(
      double startRate,
      double topRate,
      Duration window,
      Duration minimum,
      Duration maximum,
      SustainabilityRule rule) {
    if (!(startRate > 0) || topRate < startRate) {
      throw new IllegalArgumentException(
          "A warm-up needs a positive start rate at most its top rate: "
              + startRate
              + ", "
              + topRate);
    }
    if (window.isZero() || window.isNegative() || maximum.compareTo(minimum) < 0) {
      throw new IllegalArgumentException(
          "A warm-up needs a positive window and a maximum no shorter than its minimum.");
    }
    this.startRate = startRate;
    this.topRate = topRate;
    this.window = window;
    this.minimum = minimum;
    this.maximum = maximum;
    this.rule = rule;
  }

  /** The length of one window. */
  Duration window() {
    return window;
  }

  Outcome run(Trial trial) throws Exception {
    List<Window> windows = new ArrayList<>();
    double rate = startRate;
    double lastSustained = 0;
    Duration elapsed = Duration.ZERO;
    while (elapsed.compareTo(maximum) < 0) {
      Window w = trial.run(rate);
      windows.add(w);
      elapsed = elapsed.plus(window);
      boolean sustained = rule.sustained(w.step());
      lastSustained = sustained ? rate : lastSustained;
      Optional<String> warm = elapsed.compareTo(minimum) >= 0 ? warm(windows) : Optional.empty();
      if (warm.isPresent()) {
        return new Outcome(windows, true, rate, "settled after " + seconds(elapsed) + warm.get());
      }
      rate = sustained ? Math.min(topRate, rate * 2) : Math.max(startRate / 8, rate / 2);
    }
    return new Outcome(
        windows,
        false,
        lastSustained,
        "not settled within " + seconds(maximum) + lastWindow(windows));
  }

  /** The criteria met by the last two windows, described; empty when they are not met. */
  private Optional<String> warm(List<Window> windows) {
    if (windows.size() < 2) {
      return Optional.empty();
    }
    Window last = windows.get(windows.size() - 1);
    Window before = windows.get(windows.size() - 2);
    boolean atTop =
        last.step().offeredSessionsPerSec() >= topRate
            && before.step().offeredSessionsPerSec() >= topRate;
    if (!atTop || !rule.sustained(last.step())) {
      return Optional.empty();
    }
    boolean jitQuiet = !(last.jitLoad() > JIT_SETTLED_LOAD); // NaN: the JVM does not say
    double p50 = last.step().latency().p50Ms();
    double p50Before = before.step().latency().p50Ms();
    boolean latencySteady =
        p50 > 0
            && p50Before > 0
            && Math.max(p50, p50Before) / Math.min(p50, p50Before) <= P50_SETTLED_RATIO;
    return jitQuiet && latencySteady
        ? Optional.of(
            String.format(
                Locale.ROOT,
                " at %s sessions/s: Krako's JIT load %s, p50 %s -> %s ms",
                BenchTable.num(topRate, 1),
                BenchTable.num(last.jitLoad(), 2),
                BenchTable.num(p50Before, 0),
                BenchTable.num(p50, 0)))
        : Optional.empty();
  }

  private static String lastWindow(List<Window> windows) {
    Window last = windows.get(windows.size() - 1);
    return String.format(
        Locale.ROOT,
        "; last window %s sessions/s offered, %s done, p50 %s ms, Krako's JIT load %s",
        BenchTable.num(last.step().offeredSessionsPerSec(), 1),
        BenchTable.num(last.step().sessionsPerSec(), 1),
        BenchTable.num(last.step().latency().p50Ms(), 0),
        BenchTable.num(last.jitLoad(), 2));
  }

  private static String seconds(Duration d) {
    return BenchTable.num(d.toMillis() / 1e3, 0) + " s";
  }
}
