package dev.krako.topology.orchestration;

import dev.krako.avro.SessionState;
import dev.krako.session.Session;
import dev.krako.topology.codec.GraphCodec;
import dev.krako.topology.codec.SessionCodec;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The session store of one orchestration task, with the decoded form of its recently used sessions
 * kept in memory (docs/adr/022-decoded-session-cache.md). Every read and write of the store by the
 * task's processor goes through here, so the memory copy is always what the store holds: a hit
 * saves decoding the stored bytes and mapping them to a {@link Session}, and a write saves mapping
 * the graph again when it is the graph already written (it never changes within a session).
 *
 * <p>Safe because the processor is the store's only writer, a {@link Session} is immutable, and the
 * processor clears this whenever Kafka Streams may roll the store back (its {@code init} and {@code
 * close}). Bounded by the units of the cached sessions' graphs, so its memory is bounded whatever
 * the graphs' sizes; the least recently used sessions go first. A bound of 0 keeps nothing: every
 * read decodes the store, as before the cache.
 */
final class SessionCache {

  /**
   * A decoded session and, once it has been written, its graph in Avro form and encoded ({@link
   * SessionStateSerde}).
   */
  private record Entry(Session session, dev.krako.avro.TaskGraph avroGraph, byte[] graphBytes) {}

  private final KeyValueStore<String, SessionState> store;
  private final int maxUnits;
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true);
  private int units;

  SessionCache(KeyValueStore<String, SessionState> store, int maxUnits) {
    this.store = store;
    this.maxUnits = maxUnits;
  }

  /** The session as stored, decoded; empty when the store has none. */
  Optional<Session> get(String sessionId) {
    Entry cached = entries.get(sessionId);
    if (cached != null) {
      return Optional.of(cached.session());
    }
    SessionState stored = store.get(sessionId);
    if (stored == null) {
      return Optional.empty();
    }
    Session decoded = SessionCodec.toDomain(stored);
    remember(sessionId, new Entry(decoded, null, null));
    return Optional.of(decoded);
  }

  /**
   * Stores the session under this id. The Avro form is what {@link SessionCodec#toAvro(Session)}
   * gives; only the graph's part of it, mapped and encoded, is reused when the session's graph is
   * the very instance written before (a store whose serde is {@link SessionStateSerde} writes those
   * bytes instead of encoding the graph again).
   */
  void put(String id, Session session) {
    Entry previous = entries.remove(id);
    if (previous != null) {
      units -= size(previous);
    }
    boolean sameGraph =
        previous != null
            && previous.avroGraph() != null
            && previous.session().graph() == session.graph();
    dev.krako.avro.TaskGraph avroGraph =
        sameGraph ? previous.avroGraph() : GraphCodec.toAvro(session.graph());
    byte[] graphBytes =
        sameGraph ? previous.graphBytes() : SessionStateSerde.encodeGraph(avroGraph);
    // Nothing is cached for the session while the store is written: should the write fail, the
    // next read decodes whatever the store holds.
    store.put(id, SessionStateSerde.withGraph(SessionCodec.toAvro(session, avroGraph), graphBytes));
    remember(id, new Entry(session, avroGraph, graphBytes));
  }

  /** Deletes the session from the store. */
  void delete(String sessionId) {
    Entry previous = entries.remove(sessionId);
    if (previous != null) {
      units -= size(previous);
    }
    store.delete(sessionId);
  }

  /** Forgets every decoded session: the store may be rolled back or restored behind it. */
  void clear() {
    entries.clear();
    units = 0;
  }

  /** The number of sessions held in memory (for tests). */
  int cachedSessions() {
    return entries.size();
  }

  private void remember(String sessionId, Entry entry) {
    int size = size(entry);
    if (size > maxUnits) {
      return;
    }
    entries.put(sessionId, entry);
    units += size;
    Iterator<Map.Entry<String, Entry>> eldest = entries.entrySet().iterator();
    while (units > maxUnits) {
      units -= size(eldest.next().getValue());
      eldest.remove();
    }
  }

  /** A session's weight: its units, and one for the session itself (an empty graph weighs 1). */
  private static int size(Entry entry) {
    return entry.session().units().size() + 1;
  }
}
