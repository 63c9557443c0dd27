package dev.krako.topology.billing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * What billing has already billed: the dedupe keys, each with the event time of the event that
 * billed it, and an index of the same keys in event-time order so that old keys can be forgotten
 * oldest first, a bounded number at a time. Index keys are {@code <event ms, 19 digits>|<dedupe
 * key>}: string order is time order.
 */
final class BilledKeys {

  private static final String SEP = "|";

  private final KeyValueStore<String, Long> seen;
  private final KeyValueStore<String, String> expiry;

  BilledKeys(KeyValueStore<String, Long> seen, KeyValueStore<String, String> expiry) {
    this.seen = seen;
    this.expiry = expiry;
  }

  boolean isBilled(String dedupeKey) {
    return seen.get(dedupeKey) != null;
  }

  /** Remembers a billed key; does nothing when the key is already remembered. */
  void markBilled(String dedupeKey, Instant eventTime) {
    if (isBilled(dedupeKey)) {
      return;
    }
    seen.put(dedupeKey, eventTime.toEpochMilli());
    expiry.put(timeKey(eventTime.toEpochMilli()) + SEP + dedupeKey, dedupeKey);
  }

  /** The event time of the newest billed event still remembered. */
  Optional<Instant> newest() {
    try (KeyValueIterator<String, String> it = expiry.reverseAll()) {
      if (!it.hasNext()) {
        return Optional.empty();
      }
      String key = it.next().key;
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(key.substring(0, key.indexOf(SEP)))));
    }
  }

  /**
   * Forgets at most {@code limit} keys billed by events older than {@code cutoff}, oldest first.
   */
  int forgetBefore(Instant cutoff, int limit) {
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

  /** Fixed width, clamped at the epoch (billing has no events before 1970), so it sorts. */
  private static String timeKey(long epochMillis) {
    return String.format("%019d", Math.max(0, epochMillis));
  }
}
