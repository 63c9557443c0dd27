package dev.krako.topology.orchestration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The orchestrator's timers of one task, in an in-memory store keyed by due time, so a scan finds
 * what is due in key order. Keys are {@code <due millis, 19 digits>␟<session id>␟<kind>␟<unit
 * id>␟<attempt>[␟<replica>]}: string order is time order (the replica part only on lease timers of
 * a replica). The store has no changelog: a task that starts sets its timers again from its
 * sessions ({@link SessionTimerPlan}, docs/adr/027-timers-in-memory.md). A timer that fires for
 * something that already happened is harmless: the decider ignores it.
 */
final class SessionTimers {

  /** What a timer is for. */
  enum Kind {
    /** The backoff before a retry has elapsed. */
    RETRY,
    /** The attempt has not been claimed within the unit's dispatch timeout. */
    DISPATCH_TIMEOUT,
    /** The attempt has not ended within the unit's run timeout. */
    RUN_TIMEOUT,
    /** The session's max_latency_ms has elapsed. */
    DEADLINE,
    /** A claimed attempt's lease may have expired: {@link SessionLeases} knows whether it has. */
    LEASE,
    /** A finished session's retention has passed: {@link SessionEviction} evicts it. */
    EVICT
  }

  /** A timer that has come due; {@code replica} is set on the lease timer of a replica only. */
  record Due(
      String key, String sessionId, Kind kind, String unitId, int attempt, Integer replica) {}

  private static final String SEP = "\u001f";

  private final KeyValueStore<String, String> store;

  SessionTimers(KeyValueStore<String, String> store) {
    this.store = store;
  }

  void schedule(Instant dueAt, String sessionId, Kind kind, String unitId, int attempt) {
    schedule(dueAt, sessionId, kind, unitId, attempt, null);
  }

  void schedule(
      Instant dueAt, String sessionId, Kind kind, String unitId, int attempt, Integer replica) {
    store.put(key(dueAt, sessionId, kind, unitId, attempt, replica), sessionId);
  }

  /** Deletes every timer: the task starts, and sets them again from its sessions. */
  void clear() {
    List<String> keys = new ArrayList<>();
    try (KeyValueIterator<String, String> it = store.all()) {
      it.forEachRemaining(entry -> keys.add(entry.key));
    }
    keys.forEach(store::delete);
  }

  /**
   * Deletes a timer set with these coordinates (without a replica), so that it does not outlive its
   * session in the store; does nothing when there is none.
   */
  void cancel(Instant dueAt, String sessionId, Kind kind, String unitId, int attempt) {
    store.delete(key(dueAt, sessionId, kind, unitId, attempt, null));
  }

  private static String key(
      Instant dueAt, String sessionId, Kind kind, String unitId, int attempt, Integer replica) {
    String key =
        String.join(
            SEP,
            String.format("%019d", epochMillis(dueAt)),
            sessionId,
            kind.name(),
            unitId == null ? "" : unitId,
            Integer.toString(attempt));
    return replica == null ? key : key + SEP + replica;
  }

  /**
   * The due time in epoch millis. A graph may declare a latency or timeout so large that the due
   * time does not fit a long (up to Long.MAX_VALUE ms after the start): such a timer never fires.
   */
  private static long epochMillis(Instant dueAt) {
    try {
      return Math.max(0, dueAt.toEpochMilli());
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /** At most {@code limit} timers due at or before {@code now}, oldest first. */
  List<Due> due(Instant now, int limit) {
    List<Due> due = new ArrayList<>();
    String upper = String.format("%019d", now.toEpochMilli()) + SEP + '\uffff';
    try (KeyValueIterator<String, String> it = store.range(null, upper)) {
      while (it.hasNext() && due.size() < limit) {
        KeyValue<String, String> entry = it.next();
        String[] parts = entry.key.split(SEP, -1);
        Integer replica = parts.length > 5 ? Integer.valueOf(parts[5]) : null;
        due.add(
            new Due(
                entry.key,
                parts[1],
                Kind.valueOf(parts[2]),
                parts[3],
                Integer.parseInt(parts[4]),
                replica));
      }
    }
    return due;
  }

  void remove(Due due) {
    store.delete(due.key());
  }
}
