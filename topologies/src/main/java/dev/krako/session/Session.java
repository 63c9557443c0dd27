package dev.krako.session;

import dev.krako.graph.TaskGraph;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One ExecutionSession: a graph, its lifecycle, and one {@link UnitRun} per declared unit (in
 * declaration order).
 *
 * @param stopReason null while the session runs
 * @param endedAt null while the session runs
 */
public record Session(
    String sessionId,
    TaskGraph graph,
    SessionStatus status,
    StopReason stopReason,
    Instant startedAt,
    Instant endedAt,
    Map<String, UnitRun> units) {

  public Session {
    units = Collections.unmodifiableMap(new LinkedHashMap<>(units));
  }

  /** A new running session with every unit waiting. */
  public static Session start(String sessionId, TaskGraph graph, Instant at) {
    Map<String, UnitRun> units = new LinkedHashMap<>();
    graph.workUnits().forEach(u -> units.put(u.id(), UnitRun.waiting()));
    return new Session(sessionId, graph, SessionStatus.RUNNING, null, at, null, units);
  }

  public UnitRun unit(String id) {
    return units.get(id);
  }

  Session withUnit(String id, UnitRun run) {
    Map<String, UnitRun> next = new LinkedHashMap<>(units);
    next.put(id, run);
    return new Session(sessionId, graph, status, stopReason, startedAt, endedAt, next);
  }

  Session ended(SessionStatus finalStatus, StopReason reason, Instant at) {
    return new Session(sessionId, graph, finalStatus, reason, startedAt, at, units);
  }

  public boolean running() {
    return status == SessionStatus.RUNNING;
  }
}
