package dev.krako.topology.trust;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The events trust has already counted: their ids, each with its event time, and an index of the
 * same ids in event-time order so that old ids can be forgotten oldest first, a bounded number at a
 * time. Index keys are {@code <event ms, 19 digits>|<event id>}: string order is time order.
 */
final class SeenEvents {

  private static final String SEP = "|";

  private final KeyValueStore<String, Long> seen;
  private final KeyValueStore<String, String> expiry;

  SeenEvents(KeyValueStore<String, Long> seen, KeyValueStore<String, String> expiry) {
    this.seen = seen;
    this.expiry = expiry;
  }

  boolean isCounted(String eventId) {
    return seen.get(eventId) != null;
  }

  /** Remembers a counted event; does nothing when it is already remembered. */
  void markCounted(String eventId, Instant eventTime) {
    if (isCounted(eventId)) {
      return;
    }
    seen.put(eventId, eventTime.toEpochMilli());
    expiry.put(timeKey(eventTime.toEpochMilli()) + SEP + eventId, eventId);
  }

  /** The event time of the newest counted event still remembered. */
  Optional<Instant> newest() {
    try (KeyValueIterator<String, String> it = expiry.reverseAll()) {
      if (!it.hasNext()) {
        return Optional.empty();
      }
      String key = it.next().key;
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(key.substring(0, key.indexOf(SEP)))));
    }
  }

  /** Forgets at most {@code limit} events older than {@code cutoff}, oldest first. */
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

  /** Fixed width, clamped at the epoch (no event is older than 1970), so it sorts. */
  private static String timeKey(long epochMillis) {
    return String.format("%019d", Math.max(0, epochMillis));
  }
}
