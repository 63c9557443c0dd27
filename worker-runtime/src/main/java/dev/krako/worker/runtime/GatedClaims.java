package dev.krako.worker.runtime;

import dev.krako.worker.resilience.ClaimGate;
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
 * Applies a claim loop's {@link ClaimGate} to its consumer. While the gate is shut, the loop's
 * partitions are paused: it keeps polling, so it stays in its group within {@code
 * max.poll.interval.ms}, but it is handed no dispatch. Dispatches it fetched but may not claim are
 * rewound to, so that they are fetched again (by this loop, or by the partition's next owner):
 * nothing was committed for them. Used by one loop thread only.
 */
final class GatedClaims {

  private static final Logger LOG = LoggerFactory.getLogger(GatedClaims.class);

  private final ClaimGate gate;
  private final String loopId;
  private boolean paused;

  GatedClaims(ClaimGate gate, String loopId) {
    this.gate = gate;
    this.loopId = loopId;
  }

  /** Pauses or resumes the consumer's partitions, as the gate says; call before every poll. */
  void beforePoll(Consumer<?, ?> consumer) {
    if (gate.isOpen()) {
      if (paused) {
        consumer.resume(consumer.paused());
        paused = false;
        LOG.info("Worker {} claims again: its claim gate is open.", loopId);
      }
      return;
    }
    // Every time, so that partitions assigned by a rebalance since the last poll are paused too.
    consumer.pause(consumer.assignment());
    if (!paused) {
      paused = true;
      LOG.warn(
          "Worker {} stops claiming and pauses its {} partition(s): its claim gate is shut.",
          loopId,
          consumer.assignment().size());
    }
  }

  /** An admission for the next claim, or empty when the dispatch must stay unclaimed. */
  Optional<ClaimGate.Admission> tryAdmit() {
    return gate.tryAdmit();
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
