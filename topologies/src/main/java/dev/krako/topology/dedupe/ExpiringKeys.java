package dev.krako.topology.dedupe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keys already handled (billed events, counted events), each with the event time that handled it,
 * and an index of the same keys in event-time order so that old keys can be forgotten oldest first,
 * a bounded number at a time. Index keys are {@code <event ms, 19 digits>|<key>}: string order is
 * time order. Shared by the billing and trust topologies, whose dedupe is the same.
 */
public final class ExpiringKeys {

  private static final String SEP = "|";

  private final KeyValueStore<String, Long> seen;
  private final KeyValueStore<String, String> expiry;

  public ExpiringKeys(KeyValueStore<String, Long> seen, KeyValueStore<String, String> expiry) {
    this.seen = seen;
    this.expiry = expiry;
  }

  public boolean contains(String key) {
    return seen.get(key) != null;
  }

  /** Remembers a key; does nothing when the key is already remembered. */
  public void remember(String key, Instant eventTime) {
    if (contains(key)) {
      return;
    }
    seen.put(key, eventTime.toEpochMilli());
    expiry.put(timeKey(eventTime.toEpochMilli()) + SEP + key, key);
  }

  /** The event time of the newest key still remembered. */
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
