package dev.krako.topology.capacity;

import dev.krako.capacity.LastRequest;
import dev.krako.capacity.Pool;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/** The last scale request sent for each pool, which the policy's rate limit needs. */
final class ScaleRequests {

  private final KeyValueStore<String, Long> store;

  ScaleRequests(KeyValueStore<String, Long> store) {
    this.store = store;
  }

  Optional<LastRequest> last(Pool pool) {
    Long size = store.get(Keys.of(pool.wireName(), "size"));
    if (size == null) {
      return Optional.empty();
    }
    return Optional.of(
        new LastRequest(
            size.intValue(),
            Instant.ofEpochMilli(store.get(Keys.of(pool.wireName(), "at"))),
            store.get(Keys.of(pool.wireName(), "sequence"))));
  }

  /** Records a request sent now; returns its sequence (0 for the pool's first). */
  long sent(Pool pool, int size, Instant at) {
    long sequence = last(pool).map(r -> r.sequence() + 1).orElse(0L);
    store.put(Keys.of(pool.wireName(), "size"), (long) size);
    store.put(Keys.of(pool.wireName(), "at"), at.toEpochMilli());
    store.put(Keys.of(pool.wireName(), "sequence"), sequence);
    return sequence;
  }
}
