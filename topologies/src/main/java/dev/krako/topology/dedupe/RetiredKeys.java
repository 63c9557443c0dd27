package dev.krako.topology.dedupe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The dedupe stores of the layout before ADR 023, kept for one horizon after an upgrade so that an
 * event handled before the upgrade is still a duplicate after it: {@code seen} (key → event ms) and
 * its index {@code <event ms, 19 digits>|<key>} → key, in which string order is time order.
 *
 * <p>Nothing writes a key here any more. Keys are read, and forgotten oldest first, a bounded
 * number at a time, once they leave the horizon: then the stores are empty for good, and a later
 * release can drop them.
 */
public final class RetiredKeys {

  private static final String SEP = "|";

  private final KeyValueStore<String, Long> seen;
  private final KeyValueStore<String, String> expiry;

  public RetiredKeys(KeyValueStore<String, Long> seen, KeyValueStore<String, String> expiry) {
    this.seen = seen;
    this.expiry = expiry;
  }

  /** The builder of the retired {@code seen} store, under its old name. */
  public static StoreBuilder<KeyValueStore<String, Long>> seenStore(String name) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.Long());
  }

  /** The builder of the retired index store, under its old name. */
  public static StoreBuilder<KeyValueStore<String, String>> expiryStore(String name) {
    return Stores.keyValueStoreBuilder(
        Stores.persistentKeyValueStore(name), Serdes.String(), Serdes.String());
  }

  public boolean contains(String key) {
    return seen.get(key) != null;
  }

  /** The event time of the newest key still remembered; empty once every key is forgotten. */
  public Optional<Instant> newest() {
    try (KeyValueIterator<String, String> it = expiry.reverseAll()) {
      if (!it.hasNext()) {
        return Optional.empty();
      }
      String key = it.next().key;
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(key.substring(0, key.indexOf(SEP)))));
    }
  }

  /** Forgets at most {@code limit} keys of events older than {@code cutoff}, oldest first. */
  public int forgetBefore(Instant cutoff, int limit) {
    long before = cutoff.toEpochMilli();
    if (before <= 0) {
      return 0;
    }
    List<String> old = new ArrayList<>();
    // Every index key of a time before the cutoff sorts below the bare cutoff time, and every
    // index key of the cutoff time or later above it: the cutoff itself is kept.
    try (KeyValueIterator<String, String> it = expiry.range(null, timeKey(before))) {
      while (it.hasNext() && old.size() < limit) {
        old.add(it.next().key);
      }
    }
    for (String key : old) {
      seen.delete(key.substring(key.indexOf(SEP) + 1));
      expiry.delete(key);
    }
    return old.size();
  }

  /** Fixed width, clamped at the epoch (no event is older than 1970), so it sorts. */
  private static String timeKey(long epochMillis) {
    return String.format("%019d", Math.max(0, epochMillis));
  }
}
