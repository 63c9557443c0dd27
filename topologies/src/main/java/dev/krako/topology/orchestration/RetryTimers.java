package dev.krako.topology.orchestration;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Retry timers in a state store keyed by due time, so a scan finds what is due in key order and the
 * timers survive a restart through the store's changelog. Keys are {@code <due millis, 19
 * digits>|<session id>|<unit id>|<attempt>}: string order is time order.
 */
final class RetryTimers {

  /** A timer that has come due. */
  record Due(String key, String sessionId, String unitId, int attempt) {}

  private static final char SEP = '\u001f';

  private final KeyValueStore<String, String> store;

  RetryTimers(KeyValueStore<String, String> store) {
    this.store = store;
  }

  void schedule(Instant dueAt, String sessionId, String unitId, int attempt) {
    String key =
        String.format("%019d", dueAt.toEpochMilli())
            + SEP
            + sessionId
            + SEP
            + unitId
            + SEP
            + attempt;
    store.put(key, sessionId);
  }

  /** At most {@code limit} timers due at or before {@code now}, oldest first. */
  List<Due> due(Instant now, int limit) {
    List<Due> due = new ArrayList<>();
    String upper = String.format("%019d", now.toEpochMilli()) + SEP + '\uffff';
    try (KeyValueIterator<String, String> it = store.range(null, upper)) {
      while (it.hasNext() && due.size() < limit) {
        KeyValue<String, String> entry = it.next();
        String[] parts = entry.key.split(String.valueOf(SEP), -1);
        due.add(new Due(entry.key, parts[1], parts[2], Integer.parseInt(parts[3])));
      }
    }
    return due;
  }

  void remove(Due due) {
    store.delete(due.key());
  }
}
