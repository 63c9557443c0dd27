package dev.krako.topology.capacity;

import dev.krako.capacity.Pool;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The latest summary of each pool from each partition of {@code krako.events} (ADR 028). A summary
 * replaces the previous one of its partition and pool, so a partition counts once wherever it runs
 * (its new owner's summaries replace its old owner's); a partition that stopped reporting is
 * forgotten once its last summary is older than the expiry.
 */
final class PartitionSummaries {

  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, PoolSummary> store;

  PartitionSummaries(KeyValueStore<String, PoolSummary> store) {
    this.store = store;
  }

  /** {@code pool␟partition}: the summary's identity, in the repartition and in the store. */
  static String key(Pool pool, int partition) {
    return Keys.of(pool.wireName(), partition);
  }

  void received(PoolSummary summary) {
    store.put(key(summary.pool(), summary.partition()), summary);
  }

  /**
   * The sum of the pool's summaries made at or after {@code sinceMs}; older ones are removed.
   * Counts add up; the oldest wait is the longest of the partitions', each as of its summary.
   */
  Total total(Pool pool, long sinceMs) {
    Total total = new Total(0, 0, 0, 0, 0, 0);
    try (KeyValueIterator<String, PoolSummary> it =
        store.prefixScan(Keys.prefix(pool.wireName()), KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, PoolSummary> entry = it.next();
        if (entry.value.atMs() < sinceMs) {
          store.delete(entry.key);
        } else {
          total = total.plus(entry.value);
        }
      }
    }
    return total;
  }

  /** The pool's backlog over the partitions. */
  record Total(
      int liveNodes,
      int waiting,
      long oldestWaitingMs,
      long claims,
      long claimLatencyTotalMs,
      long completed) {

    /**
     * With one more partition's summary. Its oldest wait is measured at its own summary time, not
     * at the judgement: an attempt claimed since then must not look as if it still waited.
     */
    Total plus(PoolSummary s) {
      return new Total(
          liveNodes + s.liveNodes(),
          waiting + s.waiting(),
          s.waiting() == 0
              ? oldestWaitingMs
              : Math.max(oldestWaitingMs, Math.max(0, s.atMs() - s.oldestScheduledAtMs())),
          claims + s.claims(),
          claimLatencyTotalMs + s.claimLatencyTotalMs(),
          completed + s.completed());
    }
  }
}
