package dev.krako.kafka.local;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Ends every child JVM that is still running when this JVM exits (end of a {@code mvn} run,
 * Ctrl-C), so that no orphan broker survives us. One JVM-wide shutdown hook serves all brokers.
 */
final class ChildProcessReaper {

  /** Long enough for a single-node broker's clean shutdown, short enough not to stall an exit. */
  private static final long GRACE_MILLIS = 5_000;

  private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime()
        .addShutdownHook(new Thread(ChildProcessReaper::endAll, "krako-kafka-local-child-reaper"));
  }

  private ChildProcessReaper() {}

  /** Ends {@code process} when this JVM exits, unless it was {@link #release released} first. */
  static void watch(Process process) {
    RUNNING.add(process);
  }

  /** Forgets {@code process}: its owner has ended it. */
  static void release(Process process) {
    RUNNING.remove(process);
  }

  /**
   * Asks every child to stop (SIGTERM, so a broker can close its logs cleanly for the next start),
   * then kills those that are still there after the grace period.
   */
  private static void endAll() {
    RUNNING.forEach(Process::destroy);
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(GRACE_MILLIS);
    for (Process process : RUNNING) {
      try {
        long left = Math.max(0, deadline - System.nanoTime());
        if (!process.waitFor(left, TimeUnit.NANOSECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
