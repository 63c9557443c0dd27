package dev.krako.topology.billing;

import dev.krako.avro.LedgerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The queryable copy of the ledger (docs/billing.md, "The ledger store"): every entry under {@link
 * LedgerKeys}, plus an index of the same keys in event-time order ({@code <event ms, 19
 * digits>|<ledger key>}) so that entries past the store's retention are dropped oldest first, a
 * bounded number at a time. It is a view: the ledger topic stays the record, and nothing here
 * changes what is billed.
 */
final class LedgerView {

  private static final String SEP = "|";

  private final KeyValueStore<String, LedgerEntry> entries;
  private final KeyValueStore<String, String> expiry;

  LedgerView(KeyValueStore<String, LedgerEntry> entries, KeyValueStore<String, String> expiry) {
    this.entries = entries;
    this.expiry = expiry;
  }

  /** Keeps an entry; the same entry again (same id and time) writes the same keys. */
  void put(LedgerEntry entry) {
    long time = entry.getEventTime().toEpochMilli();
    String key = LedgerKeys.of(entry.getTenantId(), time, entry.getEntryId());
    entries.put(key, entry);
    expiry.put(LedgerKeys.time(time) + SEP + key, key);
  }

  /** The event time of the newest entry kept. */
  Optional<Instant> newest() {
    try (KeyValueIterator<String, String> it = expiry.reverseAll()) {
      if (!it.hasNext()) {
        return Optional.empty();
      }
      String key = it.next().key;
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(key.substring(0, key.indexOf(SEP)))));
    }
  }

  /** Drops at most {@code limit} entries of event times before {@code cutoff}, oldest first. */
  int dropBefore(Instant cutoff, int limit) {
    long before = cutoff.toEpochMilli();
    if (before <= 0) {
      return 0;
    }
    List<String> old = new ArrayList<>();
    // Index keys of earlier times sort below the bare cutoff time; the cutoff itself is kept.
    try (KeyValueIterator<String, String> it = expiry.range(null, LedgerKeys.time(before))) {
      while (it.hasNext() && old.size() < limit) {
        old.add(it.next().key);
      }
    }
    for (String indexKey : old) {
      entries.delete(indexKey.substring(indexKey.indexOf(SEP) + 1));
      expiry.delete(indexKey);
    }
    return old.size();
  }
}
