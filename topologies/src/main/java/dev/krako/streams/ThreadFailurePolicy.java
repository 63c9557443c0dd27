package dev.krako.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TransactionAbortedException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * What to do when a stream thread dies. A thread killed by the broker going away — a transaction
 * that timed out, then a producer left in an invalid state, or fenced — is replaced: the new
 * thread's producer starts a clean transaction and its tasks restore from their changelogs, so
 * exactly-once holds and the work goes on once the broker is back. Anything else (a bug, a record
 * that fails every time) shuts the application down, as does a thread that keeps dying: more than
 * {@link #MAX_REPLACEMENTS} replacements within {@link #WINDOW} means the cause is not passing.
 *
 * <p>Found by {@code BrokerRestartIT}: a graceful broker stop under heavy load timed the trust
 * topology's {@code sendOffsetsToTransaction} out after 60 s, and the next commit failed with
 * {@code InvalidTxnStateException}, which used to stop the whole application.
 */
final class ThreadFailurePolicy {

  /** Enough for a few broker restarts in a row; a real crash loop exceeds it in minutes. */
  static final int MAX_REPLACEMENTS = 5;

  static final Duration WINDOW = Duration.ofMinutes(10);

  private static final Set<Class<? extends Throwable>> TRANSIENT =
      Set.of(
          RetriableException.class, // org.apache.kafka.common.errors.TimeoutException among them
          InvalidTxnStateException.class,
          InvalidProducerEpochException.class,
          ProducerFencedException.class,
          TransactionAbortedException.class);

  private final Clock clock;
  private final Deque<Instant> replacements = new ArrayDeque<>();

  ThreadFailurePolicy(Clock clock) {
    this.clock = clock;
  }

  /** The response to a thread that died of {@code e}. */
  synchronized StreamThreadExceptionResponse decide(Throwable e) {
    if (!isTransient(e)) {
      return StreamThreadExceptionResponse.SHUTDOWN_APPLICATION;
    }
    Instant now = clock.instant();
    while (!replacements.isEmpty() && replacements.peekFirst().isBefore(now.minus(WINDOW))) {
      replacements.removeFirst();
    }
    if (replacements.size() >= MAX_REPLACEMENTS) {
      return StreamThreadExceptionResponse.SHUTDOWN_APPLICATION;
    }
    replacements.addLast(now);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  /** Whether a Kafka client error that a fresh thread recovers from is anywhere in the causes. */
  static boolean isTransient(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<? extends Throwable> kind : TRANSIENT) {
        if (kind.isInstance(t)) {
          return true;
        }
      }
    }
    return false;
  }
}
