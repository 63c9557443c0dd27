package dev.krako.topology.billing;

import dev.krako.avro.LedgerEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The queryable copy of the ledger (docs/billing.md, "The ledger store"): every entry under {@link
 * LedgerKeys}, which sorts each tenant's entries by event time. Entries past the store's retention
 * are dropped oldest first within each tenant, a bounded number at a time, by scanning each
 * tenant's range from its start (ADR 030: no separate time index, which cost one more changelog
 * record per entry). It is a view: the ledger topic stays the record, and nothing here changes what
 * is billed.
 */
final class LedgerView {

  private final KeyValueStore<String, LedgerEntry> entries;
  private final KeyValueStore<String, ?> tenants;

  /**
   * @param entries the ledger store
   * @param tenants a store keyed by tenant id with every tenant of this partition that has an
   *     entry: the tenant wallets, which fold the same ledger records in the same task
   */
  LedgerView(KeyValueStore<String, LedgerEntry> entries, KeyValueStore<String, ?> tenants) {
    this.entries = entries;
    this.tenants = tenants;
  }

  /** Keeps an entry; the same entry again (same id and time) writes the same key. */
  void put(LedgerEntry entry) {
    entries.put(
        LedgerKeys.of(entry.getTenantId(), entry.getEventTime().toEpochMilli(), entry.getEntryId()),
        entry);
  }

  /** The event time of the newest entry kept, over every tenant of the partition. */
  Optional<Instant> newest() {
    Instant newest = null;
    for (String tenant : tenantIds()) {
      try (KeyValueIterator<String, LedgerEntry> it =
          entries.reverseRange(
              LedgerKeys.from(tenant, 0), LedgerKeys.before(tenant, Long.MAX_VALUE))) {
        while (it.hasNext()) {
          LedgerEntry entry = it.next().value;
          if (entry.getTenantId().equals(tenant)) {
            if (newest == null || entry.getEventTime().isAfter(newest)) {
              newest = entry.getEventTime();
            }
            break;
          }
        }
      }
    }
    return Optional.ofNullable(newest);
  }

  /**
   * Drops at most {@code limit} entries of event times before {@code cutoff}, each tenant's oldest
   * first.
   */
  int dropBefore(Instant cutoff, int limit) {
    long before = cutoff.toEpochMilli();
    if (before <= 0) {
      return 0;
    }
    List<String> old = new ArrayList<>();
    for (String tenant : tenantIds()) {
      // A range of tenant "a" can hold entries of tenant "a|b": only the tenant's own are dropped
      // here, the others in their own tenant's turn.
      try (KeyValueIterator<String, LedgerEntry> it =
          entries.range(LedgerKeys.from(tenant, 0), LedgerKeys.before(tenant, before))) {
        while (it.hasNext() && old.size() < limit) {
          KeyValue<String, LedgerEntry> next = it.next();
          if (next.value.getTenantId().equals(tenant)) {
            old.add(next.key);
          }
        }
      }
      if (old.size() >= limit) {
        break;
      }
    }
    old.forEach(entries::delete);
    return old.size();
  }

  private List<String> tenantIds() {
    List<String> ids = new ArrayList<>();
    try (KeyValueIterator<String, ?> it = tenants.all()) {
      it.forEachRemaining(kv -> ids.add(kv.key));
    }
    return ids;
  }
}
