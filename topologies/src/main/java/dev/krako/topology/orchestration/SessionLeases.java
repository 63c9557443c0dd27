package dev.krako.topology.orchestration;

import dev.krako.session.Lease;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The leases of the claimed attempts of one task, in an in-memory store without a changelog (a task
 * that starts gives every claimed attempt a fresh lease, docs/adr/027-timers-in-memory.md): {@code
 * <session id>␟<unit id>␟<attempt>␟<replica or empty>} → the lease's expiry in epoch millis,
 * negated when the lease is {@link Lease#probed() probed}. A heartbeat only moves the expiry (one
 * put); one {@link SessionTimers.Kind#LEASE} timer per lease looks at it when it may have expired,
 * and is set again for the new expiry when a heartbeat has extended it. A lease is forgotten when
 * it expires, so a heartbeat that comes later finds nothing to extend.
 */
final class SessionLeases {

  /** One lease's coordinates. */
  record Holder(String sessionId, String unitId, int attempt, Integer replica) {}

  private static final String SEP = "\u001f";

  private final KeyValueStore<String, Long> store;

  SessionLeases(KeyValueStore<String, Long> store) {
    this.store = store;
  }

  void start(Holder holder, Lease lease) {
    long expiresAt = lease.expiresAt().toEpochMilli();
    store.put(key(holder), lease.probed() ? -expiresAt : expiresAt);
  }

  /** Extends a lease still held; a heartbeat for an unknown or expired lease changes nothing. */
  void renew(Holder holder, Instant sentAt, Duration length) {
    find(holder).ifPresent(lease -> start(holder, lease.renewedAt(sentAt, length)));
  }

  Optional<Lease> find(Holder holder) {
    Long expiresAt = store.get(key(holder));
    return expiresAt == null
        ? Optional.empty()
        : Optional.of(new Lease(Instant.ofEpochMilli(Math.abs(expiresAt)), expiresAt < 0));
  }

  void forget(Holder holder) {
    store.delete(key(holder));
  }

  /** Forgets every lease: the task starts, and gives its claimed attempts fresh ones. */
  void clear() {
    List<String> held = new ArrayList<>();
    try (KeyValueIterator<String, Long> it = store.all()) {
      it.forEachRemaining(entry -> held.add(entry.key));
    }
    held.forEach(store::delete);
  }

  /** Forgets every lease of a session (it ended, or is evicted); returns how many there were. */
  int forgetSession(String sessionId) {
    List<String> held = new ArrayList<>();
    try (KeyValueIterator<String, Long> it =
        store.prefixScan(sessionId + SEP, Serdes.String().serializer())) {
      it.forEachRemaining(entry -> held.add(entry.key));
    }
    held.forEach(store::delete);
    return held.size();
  }

  private static String key(Holder h) {
    return String.join(
        SEP,
        h.sessionId(),
        h.unitId(),
        Integer.toString(h.attempt()),
        h.replica() == null ? "" : h.replica().toString());
  }
}
