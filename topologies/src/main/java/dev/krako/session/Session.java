package dev.krako.session;

import dev.krako.graph.TaskGraph;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * One ExecutionSession: a graph, its lifecycle, and one {@link UnitRun} per declared unit (in
 * declaration order).
 *
 * @param stopReason null while the session runs
 * @param endedAt null while the session runs
 * @param quorumSize N, the replicas of each attempt of a {@code quorum} unit, fixed when the
 *     session starts so that a replay decides the same (docs/adr/009-verification-replicas.md)
 */
public record Session(
    String sessionId,
    TaskGraph graph,
    SessionStatus status,
    StopReason stopReason,
    Instant startedAt,
    Instant endedAt,
    Map<String, UnitRun> units,
    int quorumSize) {

  /**
   * N of a quorum when nothing else is configured: the smallest N with a majority that outvotes one
   * faulty node.
   */
  public static final int DEFAULT_QUORUM_SIZE = 3;

  public Session {
    if (!(units instanceof Units)) {
      units = new Units(new LinkedHashMap<>(units));
    }
    if (quorumSize < 2) {
      throw new IllegalArgumentException("A quorum needs at least 2 replicas, not " + quorumSize);
    }
  }

  /** A session with the default quorum size. */
  public Session(
      String sessionId,
      TaskGraph graph,
      SessionStatus status,
      StopReason stopReason,
      Instant startedAt,
      Instant endedAt,
      Map<String, UnitRun> units) {
    this(sessionId, graph, status, stopReason, startedAt, endedAt, units, DEFAULT_QUORUM_SIZE);
  }

  /** A new running session with every unit waiting. */
  public static Session start(String sessionId, TaskGraph graph, Instant at) {
    return start(sessionId, graph, at, DEFAULT_QUORUM_SIZE);
  }

  /** A new running session with every unit waiting and this quorum size. */
  public static Session start(String sessionId, TaskGraph graph, Instant at, int quorumSize) {
    Map<String, UnitRun> units = new LinkedHashMap<>();
    graph.workUnits().forEach(u -> units.put(u.id(), UnitRun.waiting()));
    return new Session(sessionId, graph, SessionStatus.RUNNING, null, at, null, units, quorumSize);
  }

  public UnitRun unit(String id) {
    return units.get(id);
  }

  /**
   * Copies the unit map once: the copy is wrapped as {@link Units}, which the constructor takes
   * without a second copy (docs/performance-jmh.md, hot spot 3).
   */
  Session withUnit(String id, UnitRun run) {
    LinkedHashMap<String, UnitRun> next = new LinkedHashMap<>(units);
    next.put(id, run);
    return new Session(
        sessionId, graph, status, stopReason, startedAt, endedAt, new Units(next), quorumSize);
  }

  Session ended(SessionStatus finalStatus, StopReason reason, Instant at) {
    return new Session(sessionId, graph, finalStatus, reason, startedAt, at, units, quorumSize);
  }

  public boolean running() {
    return status == SessionStatus.RUNNING;
  }

  /**
   * The unit map of a session: an unmodifiable view of a map that only this class holds, so a
   * session is immutable and can be shared (the orchestrator caches decoded sessions, ADR 022). A
   * session built from any other map copies it into one of these; one built from another session's
   * map, or by {@link #withUnit}, which owns its fresh copy, takes it as it is.
   */
  private static final class Units extends AbstractMap<String, UnitRun> {
    private final Map<String, UnitRun> view;

    private Units(LinkedHashMap<String, UnitRun> owned) {
      this.view = Collections.unmodifiableMap(owned);
    }

    @Override
    public Set<Entry<String, UnitRun>> entrySet() {
      return view.entrySet();
    }

    @Override
    public UnitRun get(Object key) {
      return view.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
      return view.containsKey(key);
    }

    @Override
    public int size() {
      return view.size();
    }

    @Override
    public Set<String> keySet() {
      return view.keySet();
    }

    @Override
    public Collection<UnitRun> values() {
      return view.values();
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super UnitRun> action) {
      view.forEach(action);
    }
  }
}
