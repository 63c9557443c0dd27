package dev.krako.worker.runtime;

import dev.krako.avro.WorkUnitType;
import dev.krako.worker.execution.DeterministicExecutor;
import dev.krako.worker.execution.ExecutorsByType;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.handler.HandlerRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker node of a pool: {@code loops} claim loops, each on its own thread. Scaling a pool
 * means more nodes or loops, bounded by the dispatch topic's partitions.
 */
public final class WorkerPool implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  private final List<ClaimLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();

  private WorkerPool(WorkerSettings settings, UnitExecutor executor, Clock clock) {
    for (int i = 0; i < settings.loops(); i++) {
      String loopId = settings.nodeId() + "-" + i;
      ClaimLoop loop = new ClaimLoop(settings, loopId, executor, clock);
      loops.add(loop);
      Thread thread = new Thread(loop, "krako-worker-" + loopId);
      threads.add(thread);
    }
  }

  /** Starts a node with the given executor. */
  public static WorkerPool start(WorkerSettings settings, UnitExecutor executor, Clock clock) {
    WorkerPool pool = new WorkerPool(settings, executor, clock);
    pool.threads.forEach(Thread::start);
    LOG.info(
        "Worker node {} started {} claim loop(s) on {}.",
        settings.nodeId(),
        settings.loops(),
        settings.dispatchTopic());
    return pool;
  }

  /** A CPU node that runs deterministic units with KORA's handlers. */
  public static WorkerPool startCpu(WorkerSettings settings, Clock clock) {
    UnitExecutor executor =
        new ExecutorsByType(
            Map.of(
                WorkUnitType.deterministic.name(),
                new DeterministicExecutor(HandlerRegistry.koraDefaults(), System::nanoTime)));
    return start(settings, executor, clock);
  }

  /**
   * Waits until every claim loop has joined its consumer group, so work dispatched from now on is
   * claimed without waiting for a first rebalance.
   *
   * @throws IllegalStateException when a loop has not joined within the timeout
   */
  public WorkerPool awaitReady(java.time.Duration timeout) throws InterruptedException {
    for (ClaimLoop loop : loops) {
      if (!loop.awaitJoined(timeout)) {
        throw new IllegalStateException(
            "A claim loop did not join its group within " + timeout + ".");
      }
    }
    return this;
  }

  /** Stops every loop after its current unit, and waits for them (30 s at most each). */
  @Override
  public void close() {
    loops.forEach(ClaimLoop::stop);
    try {
      for (Thread thread : threads) {
        thread.join(30_000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
