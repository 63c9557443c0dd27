package dev.krako.worker.runtime;

import dev.krako.worker.resilience.ClaimGate;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a claim loop's {@link ClaimGate} and its window to its consumer. While the gate is shut,
 * or the window full, the loop's partitions are paused: it keeps polling, so it stays in its group
 * within {@code max.poll.interval.ms}, but it is handed no dispatch. Dispatches it fetched but may
 * not claim are rewound to, so that they are fetched again (by this loop, or by the partition's
 * next owner): nothing was committed for them. While the gate wants the node out of its group
 * ({@link ClaimGate#staysInGroup()}), the consumer unsubscribes, which leaves the group, and polls
 * nothing until it may subscribe again. Used by one loop thread only.
 */
final class GatedClaims {

  private static final Logger LOG = LoggerFactory.getLogger(GatedClaims.class);

  private final ClaimGate gate;
  private final String loopId;
  private final Subscription subscription;
  private final Duration idle;
  private boolean paused;
  private boolean shut;

  /**
   * @param subscription joins the loop's group; called on a consumer subscribed to nothing
   * @param idle how long a loop out of its group waits between two looks at the gate
   */
  GatedClaims(ClaimGate gate, String loopId, Subscription subscription, Duration idle) {
    this.gate = gate;
    this.loopId = loopId;
    this.subscription = subscription;
    this.idle = idle;
  }

  /**
   * Joins or leaves the group, pauses or resumes the consumer's partitions, as the gate and the
   * loop's window say; call before every poll.
   *
   * @param room whether the loop's window has room for another unit: a full window pauses the
   *     partitions like a shut gate, so that the loop keeps polling (and stays in its group) while
   *     its units run, without fetching dispatches it could not claim
   * @return whether to poll: false while the loop is out of its group (after waiting {@code idle})
   */
  boolean beforePoll(Consumer<?, ?> consumer, boolean room) {
    if (!gate.staysInGroup()) {
      leave(consumer);
      return false;
    }
    if (!member(consumer)) {
      subscription.join(consumer);
      paused = false;
    }
    boolean open = gate.isOpen();
    if (open && shut) {
      shut = false;
      LOG.info("Worker {} claims again: its claim gate is open.", loopId);
    } else if (!open && !shut) {
      shut = true;
      LOG.warn(
          "Worker {} stops claiming and pauses its {} partition(s): its claim gate is shut.",
          loopId,
          consumer.assignment().size());
    }
    if (open && room) {
      if (paused) {
        consumer.resume(consumer.paused());
        paused = false;
      }
    } else {
      // Every time, so that partitions assigned by a rebalance since the last poll are paused too.
      consumer.pause(consumer.assignment());
      paused = true;
    }
    return true;
  }

  /** Unsubscribes (leaving the group) if subscribed, then waits {@code idle}. */
  private void leave(Consumer<?, ?> consumer) {
    if (member(consumer)) {
      LOG.warn(
          "Worker {} leaves its consumer group: its claim gate wants its {} partition(s) handed to"
              + " the other members.",
          loopId,
          consumer.assignment().size());
      consumer.unsubscribe();
      paused = false;
    }
    try {
      Thread.sleep(idle.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the pool is closing: the loop sees it stopped
    }
  }

  /** An admission for the next claim, or empty when the dispatch must stay unclaimed. */
  Optional<ClaimGate.Admission> tryAdmit() {
    return gate.tryAdmit();
  }

  /** Whether the consumer takes part in a group (or was handed partitions, in tests). */
  private static boolean member(Consumer<?, ?> consumer) {
    return !consumer.subscription().isEmpty() || !consumer.assignment().isEmpty();
  }

  /** How a loop joins its consumer group. */
  @FunctionalInterface
  interface Subscription {
    void join(Consumer<?, ?> consumer);
  }

  /** Moves each partition of {@code unclaimed} back to its first unclaimed dispatch. */
  void rewind(Consumer<?, ?> consumer, List<? extends ConsumerRecord<?, ?>> unclaimed) {
    Map<TopicPartition, Long> first = new LinkedHashMap<>();
    for (ConsumerRecord<?, ?> record : unclaimed) {
      first.merge(
          new TopicPartition(record.topic(), record.partition()), record.offset(), Math::min);
    }
    first.forEach(consumer::seek);
  }
}
