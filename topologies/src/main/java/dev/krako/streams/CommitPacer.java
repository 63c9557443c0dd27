package dev.krako.streams;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * Asks Kafka Streams to commit right after the record in hand, unless this pacer already asked
 * within the last {@code minGap}. One pacer serves one processor node of one application instance,
 * shared by all of that node's tasks.
 *
 * <p>Why: under exactly-once a record written by a hop is invisible to the next hop until the hop's
 * transaction commits, and Kafka Streams commits on its commit interval only. On a quiet system
 * that interval is the whole of a hop's latency: measured on the 2-core machine with broker append
 * times (docs/performance.md, "Session 5"), orchestration's dispatch reached a worker 110 ms
 * (median) after it was written, and ingress, which reads its own repartition topic back, lost a
 * whole interval on every graph. A commit asked for by the processor happens at the end of the
 * stream thread's current loop, so an idle node commits at once.
 *
 * <p>Why the gap: every commit is a transaction (an EndTxn and a marker in each partition written)
 * during which the stream thread waits, so committing after every record starves a busy thread: an
 * early commit at most every 20 ms made orchestration fall behind at 30 sessions/s. With the gap
 * equal to the commit interval a busy node asks for at most one early commit per interval, so its
 * commits at most double, and it is the first record after a quiet spell that gets the early
 * commit: where the waiting is longest compared with the work.
 */
public final class CommitPacer {

  private final long minGapMs;
  private final AtomicLong lastAskedMs = new AtomicLong(Long.MIN_VALUE / 2);

  public CommitPacer(Duration minGap) {
    if (minGap.isNegative()) {
      throw new IllegalArgumentException("minGap must not be negative: " + minGap);
    }
    this.minGapMs = minGap.toMillis();
  }

  /** A pacer at the commit interval of Krako's critical-path applications. */
  public static CommitPacer atCommitInterval() {
    return new CommitPacer(StreamsSettings.COMMIT_INTERVAL);
  }

  /**
   * Called for each record the node processes: asks for a commit when the last one this pacer asked
   * for is at least the gap old.
   *
   * @return whether a commit was asked for
   */
  public boolean recordProcessed(ProcessorContext<?, ?> context) {
    long now = context.currentSystemTimeMs();
    long last = lastAskedMs.get();
    if (now - last < minGapMs || !lastAskedMs.compareAndSet(last, now)) {
      return false;
    }
    context.commit();
    return true;
  }
}
