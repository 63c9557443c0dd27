package dev.krako.topology.capacity;

import dev.krako.capacity.Pool;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The claims (with their latency) and completions of each pool in the recent window, counted in one
 * bucket per pool and second: an event updates one bucket, the window reads about sixty per pool,
 * and expiry deletes one per second. A claim counts only when it ended a waiting attempt
 * (WaitingUnits), so a repeated claim counts once; completions are counted as they come, which
 * exactly-once processing makes exact (ADR 021).
 */
final class RecentWork {

  private static final StringSerializer KEYS = new StringSerializer();
  private static final long SECOND_MS = 1_000;
  private static final String CLAIM = "claim";
  private static final String DONE = "done";

  private final KeyValueStore<String, WorkBucket> store;

  RecentWork(KeyValueStore<String, WorkBucket> store) {
    this.store = store;
  }

  void claimed(Pool pool, long atMs, long latencyMs) {
    add(CLAIM, pool, atMs, latencyMs);
  }

  void completed(Pool pool, long atMs) {
    add(DONE, pool, atMs, 0);
  }

  private void add(String kind, Pool pool, long atMs, long latencyMs) {
    String key = key(kind, pool, atMs);
    WorkBucket bucket = store.get(key);
    store.put(key, (bucket == null ? new WorkBucket(0, 0) : bucket).plus(latencyMs));
  }

  /**
   * The pool's window: the buckets of the second that holds {@code fromMs} and after (up to one
   * second more than the window). Older buckets are removed.
   */
  Window observe(Pool pool, long fromMs) {
    return new Window(sum(CLAIM, pool, fromMs), sum(DONE, pool, fromMs).count());
  }

  private WorkBucket sum(String kind, Pool pool, long fromMs) {
    String cutoff = key(kind, pool, fromMs);
    long count = 0;
    long latency = 0;
    try (KeyValueIterator<String, WorkBucket> it =
        store.prefixScan(Keys.prefix(kind, pool.wireName()), KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, WorkBucket> entry = it.next();
        if (entry.key.compareTo(cutoff) < 0) {
          store.delete(entry.key);
        } else {
          count += entry.value.count();
          latency += entry.value.latencyTotalMs();
        }
      }
    }
    return new WorkBucket(count, latency);
  }

  private static String key(String kind, Pool pool, long atMs) {
    return Keys.of(kind, pool.wireName(), Keys.time(atMs - Math.floorMod(atMs, SECOND_MS)));
  }

  /** The window's claims (count and latency total) and completions. */
  record Window(WorkBucket claims, long completed) {}
}
