package dev.krako.worker.runtime;

import dev.krako.worker.execution.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The units one claim loop holds: claimed and not yet reported. At most {@code size} of them, so a
 * loop claims nothing more at its limit. Units end in any order on the loop's unit threads ({@link
 * #finish}); the loop thread collects what has ended ({@link #toReport}) and reports it in its next
 * transaction, so a slow unit never holds back the report of a fast one. A unit frees its place
 * only once its outcome is committed ({@link #reported}): an outcome whose transaction failed stays
 * to be reported in the next one.
 *
 * <p>A pure pool starts a batch's units before their claim commits (docs/adr/029-claim-and-outcome-
 * in-one-transaction.md): should that claim not commit, the loop {@linkplain #abandon abandons}
 * them, and they leave the window, unreported, as they end.
 *
 * <p>{@link #finish} is called from any thread; every other method from the loop thread only.
 */
final class ClaimWindow {

  private final int size;
  private final BlockingQueue<Finished> finished = new LinkedBlockingQueue<>();
  private final List<Finished> unreported = new ArrayList<>();
  private final Set<Running> abandoned = Collections.newSetFromMap(new IdentityHashMap<>());
  private int held;

  ClaimWindow(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("A claim window holds at least one unit.");
    }
    this.size = size;
  }

  /** A unit in flight: its claim and when it was claimed. */
  record Running(ClaimBatch.Claim claim, Instant claimedAt) {}

  /**
   * A unit that ended: its outcome, or the exception its executor threw (a bug, which stops the
   * loop as it did before batching).
   */
  record Finished(Running unit, Outcome outcome, RuntimeException failure, Instant endedAt) {

    static Finished of(Running unit, Outcome outcome, Instant endedAt) {
      return new Finished(unit, Objects.requireNonNull(outcome, "outcome"), null, endedAt);
    }

    static Finished failed(Running unit, RuntimeException failure, Instant endedAt) {
      return new Finished(unit, null, failure, endedAt);
    }
  }

  /** How many more units may be claimed now. */
  int room() {
    return size - held;
  }

  /** Whether any unit is held: running, or ended and not yet reported. */
  boolean holdsAny() {
    return held > 0;
  }

  /** {@code count} units were claimed (or are started ahead of their claim's commit). */
  void hold(int count) {
    if (count > room()) {
      throw new IllegalStateException("Claimed " + count + " units with room for " + room() + ".");
    }
    held += count;
  }

  /** A unit ended; any thread. */
  void finish(Finished unit) {
    finished.add(unit);
  }

  /** Every unit that ended and is not reported yet, in the order they ended. */
  List<Finished> toReport() {
    finished.drainTo(unreported);
    dropAbandoned();
    return List.copyOf(unreported);
  }

  /**
   * Waits until each of {@code units} has ended, for at most {@code timeout}; then as {@link
   * #toReport}, so the units that ended meanwhile, these and others, are in the list.
   */
  List<Finished> awaitEnded(Collection<Running> units, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    finished.drainTo(unreported);
    while (!allEnded(units)) {
      Finished next = finished.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (next == null) {
        break; // the timeout passed
      }
      unreported.add(next);
    }
    return toReport();
  }

  private boolean allEnded(Collection<Running> units) {
    Set<Running> ended = Collections.newSetFromMap(new IdentityHashMap<>());
    unreported.forEach(f -> ended.add(f.unit()));
    return ended.containsAll(units);
  }

  /**
   * The claims of these units, started before their claim's transaction, did not commit: none of
   * them is to be reported. Each leaves the window, and gives its admission back, once it has ended
   * (now, for those that have).
   */
  void abandon(Collection<Running> units) {
    abandoned.addAll(units);
    finished.drainTo(unreported);
    dropAbandoned();
  }

  private void dropAbandoned() {
    if (abandoned.isEmpty()) {
      return;
    }
    Iterator<Finished> ended = unreported.iterator();
    while (ended.hasNext()) {
      Finished f = ended.next();
      if (abandoned.remove(f.unit())) {
        ended.remove();
        held--;
        f.unit().claim().admission().release();
      }
    }
  }

  /**
   * Waits up to {@code timeout} for a unit to end, unless one already waits to be reported; then as
   * {@link #toReport}.
   */
  List<Finished> awaitToReport(Duration timeout) throws InterruptedException {
    if (unreported.isEmpty() && finished.isEmpty()) {
      Finished next = finished.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (next != null) {
        unreported.add(next);
      }
    }
    return toReport();
  }

  /** Their outcomes are committed: they leave the window. */
  void reported(List<Finished> units) {
    if (!unreported.subList(0, units.size()).equals(units)) {
      throw new IllegalStateException("Reported units that were not the first to report.");
    }
    unreported.subList(0, units.size()).clear();
    held -= units.size();
  }
}
