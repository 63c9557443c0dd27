package dev.krako.worker.runtime;

import dev.krako.avro.WorkUnitType;
import dev.krako.worker.execution.DeterministicExecutor;
import dev.krako.worker.execution.ExecutorsByType;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.handler.HandlerRegistry;
import dev.krako.worker.resilience.ClaimGate;
import dev.krako.worker.resilience.DownstreamBreaker;
import dev.krako.worker.resilience.GuardedExecutor;
import dev.krako.worker.resilience.TrustGate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker node of a pool: {@code loops} claim loops, each on its own thread. Scaling a pool
 * means more nodes or loops, bounded by the dispatch topic's partitions.
 *
 * <p>Each loop holds at most {@link WorkerSettings#claimWindow()} claimed units, claimed in batches
 * (docs/adr/017-batched-claims.md), so a node never holds more than {@code loops × claimWindow}: at
 * its limit it claims nothing more (admission). An executor that depends on downstreams ({@link
 * GuardedExecutor}, such as the LLM pool's) gates the loops' claims with its breakers, and the node
 * reports its health as {@code node.health.updated} (docs/worker-resilience.md). With {@link
 * WorkerSettings#trustPlacement()} the node also reads the trust topic and leaves its dispatch
 * group while it is untrusted ({@link TrustGate}, docs/trust.md).
 */
public final class WorkerPool implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

  /** How long an interrupted loop gets to close its clients. */
  private static final Duration INTERRUPTED_GRACE = Duration.ofSeconds(5);

  /** How often {@link #awaitReady} looks whether the gate keeps the node out of its group. */
  private static final Duration READY_CHECK = Duration.ofMillis(100);

  private final WorkerSettings settings;
  private final List<ClaimLoop> loops = new ArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private final NodeHealthReporter health;
  private final Optional<TrustFeed> trustFeed;
  private final ClaimGate gate;
  private final Heartbeats heartbeats;
  private final AtomicBoolean closed = new AtomicBoolean();

  private WorkerPool(
      WorkerSettings settings,
      UnitExecutor executor,
      List<DownstreamBreaker> breakers,
      Clock clock) {
    this.settings = settings;
    Optional<TrustGate> trust =
        settings
            .trustPlacement()
            .map(t -> new TrustGate(settings.nodeId(), settings.substrate().name(), t));
    this.trustFeed = trust.map(t -> new TrustFeed(settings, t, clock));
    // The loops of a node share one gate: every breaker of the executor, and the trust gate when
    // the node applies the trust placement policy, must admit a claim.
    List<ClaimGate> gates = new ArrayList<>(breakers);
    trust.ifPresent(gates::add);
    this.gate = ClaimGate.allOf(gates);
    this.health =
        new NodeHealthReporter(
            settings, breakers, trust, clock, NodeHealthReporter.producer(settings));
    this.heartbeats = new Heartbeats(settings, clock, Heartbeats.producer(settings));
    for (int i = 0; i < settings.loops(); i++) {
      String loopId = settings.nodeId() + "-" + i;
      ClaimLoop loop = new ClaimLoop(settings, loopId, executor, clock, gate, heartbeats);
      loops.add(loop);
      Thread thread = new Thread(loop, "krako-worker-" + loopId);
      threads.add(thread);
    }
  }

  /**
   * Starts a node with the given executor. When it is a {@link GuardedExecutor}, its breakers gate
   * the node's claims and feed its health reports.
   */
  public static WorkerPool start(WorkerSettings settings, UnitExecutor executor, Clock clock) {
    List<DownstreamBreaker> breakers =
        executor instanceof GuardedExecutor guarded ? guarded.breakers() : List.of();
    WorkerPool pool = new WorkerPool(settings, executor, breakers, clock);
    pool.health.start();
    pool.trustFeed.ifPresent(TrustFeed::start);
    pool.heartbeats.start();
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
   * claimed without waiting for a first rebalance. A node that trust keeps out of its group is
   * ready without joining: it is where the policy wants it.
   *
   * @throws IllegalStateException when a loop has not joined within the timeout
   */
  public WorkerPool awaitReady(java.time.Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ClaimLoop loop : loops) {
      while (!inPlace(loop)) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "A claim loop did not join its group within " + timeout + ".");
        }
        // In slices, so that a gate that sends the node out meanwhile ends the wait.
        loop.awaitJoined(Duration.ofNanos(Math.min(left, READY_CHECK.toNanos())));
      }
    }
    return this;
  }

  /** Joined its group at least once, or kept out of it by the node's gate. */
  private boolean inPlace(ClaimLoop loop) {
    return loop.joined() || !gate.staysInGroup();
  }

  /**
   * Whether the node takes work: it is not closed, and every claim loop runs and has joined its
   * group (or trust keeps it out, which is the policy, not a failure). A process's readiness check
   * ({@code /v1/ready}) reads it.
   */
  public boolean running() {
    if (closed.get()) {
      return false;
    }
    for (int i = 0; i < loops.size(); i++) {
      if (!threads.get(i).isAlive() || !inPlace(loops.get(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * Stops the node gracefully: no loop claims anything more; the units its loops hold finish and
   * are reported, for {@link WorkerSettings#shutdownTimeout()} at most in all; then each loop
   * leaves its group (its consumer closes) and the node reports itself {@code down}. A loop still
   * busy at the deadline is interrupted: its unit may then end unreported, and the orchestrator's
   * run timeout (or its lease) schedules the next attempt. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    loops.forEach(ClaimLoop::stop);
    try {
      awaitLoops();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      trustFeed.ifPresent(TrustFeed::close);
      heartbeats.close();
      health.close();
      LOG.info("Worker node {} stopped.", settings.nodeId());
    }
  }

  /** Waits for the stopped loops, the shutdown timeout in all; interrupts those still busy. */
  private void awaitLoops() throws InterruptedException {
    long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
    for (Thread thread : threads) {
      thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    }
    for (Thread thread : threads) {
      if (thread.isAlive()) {
        LOG.warn(
            "Worker {} did not finish its unit within {}: it is interrupted.",
            thread.getName(),
            settings.shutdownTimeout());
        thread.interrupt();
        thread.join(INTERRUPTED_GRACE.toMillis());
      }
    }
  }
}
