package dev.krako.topology.capacity;

import dev.krako.capacity.Pool;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The worker nodes of each pool that report themselves up: a pool's current size. */
final class PoolNodes {

  private static final StringSerializer KEYS = new StringSerializer();

  private final KeyValueStore<String, Long> store;

  PoolNodes(KeyValueStore<String, Long> store) {
    this.store = store;
  }

  /** A node's health report: up or degraded keep it in its pool, anything else removes it. */
  void reported(Pool pool, String nodeId, String status, long atMs) {
    String key = Keys.of(pool.wireName(), nodeId);
    if ("up".equals(status) || "degraded".equals(status)) {
      Long last = store.get(key);
      store.put(key, last == null ? atMs : Math.max(last, atMs));
    } else {
      store.delete(key);
    }
  }

  /** Nodes that reported at or after {@code sinceMs}; older ones are forgotten. */
  int alive(Pool pool, long sinceMs) {
    int count = 0;
    try (KeyValueIterator<String, Long> it = store.prefixScan(Keys.prefix(pool.wireName()), KEYS)) {
      while (it.hasNext()) {
        KeyValue<String, Long> entry = it.next();
        if (entry.value < sinceMs) {
          store.delete(entry.key);
        } else {
          count++;
        }
      }
    }
    return count;
  }
}
