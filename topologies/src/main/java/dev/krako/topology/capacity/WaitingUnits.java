package dev.krako.topology.capacity;

import dev.krako.capacity.Pool;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The attempts dispatched to each pool and not yet claimed. Idempotent: scheduling an attempt twice
 * keeps one entry, and its claim removes it once, returning its scheduled time only the first time.
 * A key is deleted only when present: a logged store writes a changelog tombstone for every delete,
 * and most ends (a completion after its claim, a failure in the two pools it did not run in) find
 * nothing to delete.
 */
final class WaitingUnits {

  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, Long> store;

  WaitingUnits(KeyValueStore<String, Long> store) {
    this.store = store;
  }

  void scheduled(Pool pool, String session, String unit, int attempt, long atMs) {
    store.putIfAbsent(Keys.of(pool.wireName(), session, unit, attempt), atMs);
  }

  /** Removes the attempt from its pool; its scheduled time when it was waiting there. */
  Long ended(Pool pool, String session, String unit, int attempt) {
    String key = Keys.of(pool.wireName(), session, unit, attempt);
    Long scheduledAt = store.get(key);
    if (scheduledAt != null) {
      store.delete(key);
    }
    return scheduledAt;
  }

  /** Removes the attempt whatever its pool (a skipped unit's event does not name it). */
  void endedAnywhere(String session, String unit, int attempt) {
    for (Pool pool : Pool.values()) {
      ended(pool, session, unit, attempt);
    }
  }

  /** Removes every waiting attempt of an ended session. */
  void sessionEnded(String session) {
    for (Pool pool : Pool.values()) {
      try (KeyValueIterator<String, Long> it =
          store.prefixScan(Keys.prefix(pool.wireName(), session), KEYS)) {
        it.forEachRemaining(entry -> store.delete(entry.key));
      }
    }
  }

  /**
   * The pool's waiting count and the scheduled time of the oldest, forgetting the attempts
   * scheduled before {@code horizonMs}.
   */
  Waiting observe(Pool pool, long horizonMs) {
    int count = 0;
    long oldest = Long.MAX_VALUE;
    try (KeyValueIterator<String, Long> it = store.prefixScan(Keys.prefix(pool.wireName()), KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, Long> entry = it.next();
        if (entry.value < horizonMs) {
          store.delete(entry.key);
          continue;
        }
        count++;
        oldest = Math.min(oldest, entry.value);
      }
    }
    return new Waiting(count, count == 0 ? 0 : oldest);
  }

  /** The waiting count, and the oldest's scheduled time (epoch ms; 0 when none waits). */
  record Waiting(int count, long oldestScheduledAtMs) {}
}
