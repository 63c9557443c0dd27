package dev.krako.topology.capacity;

import dev.krako.capacity.Pool;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The claims (with their latency) and completions of each pool in the recent window, one entry per
 * attempt, so a redelivered event overwrites its own entry instead of counting twice.
 */
final class RecentWork {

  private static final StringSerializer KEYS = new StringSerializer();
  private static final String CLAIM = "claim";
  private static final String DONE = "done";

  private final KeyValueStore<String, Long> store;

  RecentWork(KeyValueStore<String, Long> store) {
    this.store = store;
  }

  void claimed(Pool pool, long atMs, String session, String unit, int attempt, long latencyMs) {
    store.put(Keys.of(CLAIM, pool.wireName(), Keys.time(atMs), session, unit, attempt), latencyMs);
  }

  void completed(Pool pool, long atMs, String session, String unit, int attempt) {
    store.put(Keys.of(DONE, pool.wireName(), Keys.time(atMs), session, unit, attempt), 1L);
  }

  /** The pool's window since {@code fromMs}; older entries are removed. */
  Window observe(Pool pool, long fromMs) {
    Sum claims = sum(CLAIM, pool, fromMs);
    Sum done = sum(DONE, pool, fromMs);
    long latency = claims.count == 0 ? 0 : claims.total / claims.count;
    return new Window(claims.count, latency, done.count);
  }

  private Sum sum(String kind, Pool pool, long fromMs) {
    String cutoff = Keys.of(kind, pool.wireName(), Keys.time(fromMs));
    Sum sum = new Sum();
    try (KeyValueIterator<String, Long> it =
        store.prefixScan(Keys.prefix(kind, pool.wireName()), KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, Long> entry = it.next();
        if (entry.key.compareTo(cutoff) < 0) {
          store.delete(entry.key);
        } else {
          sum.count++;
          sum.total += entry.value;
        }
      }
    }
    return sum;
  }

  private static final class Sum {
    int count;
    long total;
  }

  record Window(int claims, long meanClaimLatencyMs, int completed) {}
}
