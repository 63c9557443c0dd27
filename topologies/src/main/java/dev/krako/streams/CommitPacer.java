package dev.krako.streams;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Kafka Streams to commit right after a record that broke a quiet spell: one that came at
 * least {@code quiet} after the previous record of the same processor node. One pacer serves one
 * processor node of one application instance, shared by all of that node's tasks (ADR 024).
 *
 * <p>Why: under exactly-once a record written by a hop is invisible to the next hop until the hop's
 * transaction commits, and Kafka Streams commits on its commit interval only. On a quiet system
 * that interval is the whole of a hop's latency: measured with broker append times
 * (docs/performance/hop-timeline), a dispatch reached a worker 110 ms (median) after orchestration
 * wrote it, and ingress, which reads its own repartition topic back, lost a whole interval on every
 * graph. A commit asked for by the processor happens at the end of the stream thread's current
 * loop, so the record's outputs become visible at once.
 *
 * <p>Why only after a quiet spell: every commit is a transaction, which costs the broker an EndTxn
 * and a marker in every partition written. A busy node, whose records come closer together than
 * {@code quiet}, never asks and commits on the interval alone, as before; a first version that
 * asked every 100 ms even there up to doubled a loaded node's transactions for nobody's gain. With
 * records arriving at random at rate r, the node asks r·exp(-r·quiet) times a second: at most
 * 1/(e·quiet), 18 a second for 20 ms, and next to never once r is well above 1/quiet.
 */
public final class CommitPacer {

  private final long quietMs;
  private final AtomicLong lastRecordMs = new AtomicLong(Long.MIN_VALUE / 2);

  public CommitPacer(Duration quiet) {
    if (quiet.isNegative()) {
      throw new IllegalArgumentException("quiet must not be negative: " + quiet);
    }
    this.quietMs = quiet.toMillis();
  }

  /** A pacer with the quiet spell of Krako's critical-path applications. */
  public static CommitPacer forCriticalPath() {
    return new CommitPacer(QUIET);
  }

  /**
   * 20 ms: a hop's commit took 1-2.5 ms on the 2-core machine even under load (the stream thread's
   * commit-latency-avg), so a node that was quiet this long has time to spare, and the bound on
   * early commits (above) stays small.
   */
  static final Duration QUIET = Duration.ofMillis(20);

  /**
   * Called for each record the node processes: asks for a commit when the node's previous record
   * came at least the quiet spell before this one.
   *
   * @return whether a commit was asked for
   */
  public boolean recordProcessed(ProcessorContext<?, ?> context) {
    long now = context.currentSystemTimeMs();
    long previous = lastRecordMs.getAndSet(now);
    if (now - previous < quietMs) {
      return false;
    }
    context.commit();
    return true;
  }
}
