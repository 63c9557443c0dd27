package dev.krako.cli.conformance;

import dev.krako.avro.Event;
import dev.krako.avro.SessionEnded;
import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionStarted;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.SessionTelemetry;
import dev.krako.avro.UnitTelemetry;
import dev.krako.avro.WorkUnitType;
import dev.krako.cli.conformance.TelemetryCompleteness.Violation;
import dev.krako.events.EventTypes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One session: one {@code execution.session.started}, one end ({@code completed} or {@code
 * failed}), exactly one result record agreeing with them, and a telemetry bundle whose units are
 * the session's units, each checked by {@link UnitRules}, and whose session fields are the sums of
 * the units' (CONTRACT.md section 6).
 */
final class SessionRules {

  private SessionRules() {}

  static void check(
      String session, List<Event> events, List<SessionResult> results, List<Violation> found) {
    List<Event> starts = ofType(events, EventTypes.SESSION_STARTED);
    List<Event> ends = new ArrayList<>();
    events.stream().filter(TelemetryCompleteness::isSessionEnd).forEach(ends::add);
    if (starts.size() != 1) {
      found.add(violation(session, starts.size() + " execution.session.started events, not 1"));
    }
    if (ends.size() != 1) {
      found.add(violation(session, ends.size() + " session end events, not 1"));
    }
    if (results.size() != 1) {
      found.add(violation(session, results.size() + " result records, not 1"));
    }
    if (starts.size() != 1 || ends.size() != 1 || results.size() != 1) {
      return;
    }
    SessionResult result = results.get(0);
    Event start = starts.get(0);
    Event end = ends.get(0);
    agree(session, start, end, result, found);
    Map<String, List<Event>> byUnit = new LinkedHashMap<>();
    for (Event e : events) {
      if (e.getWorkUnitId() != null) {
        byUnit.computeIfAbsent(e.getWorkUnitId(), u -> new ArrayList<>()).add(e);
      }
    }
    SessionTelemetry t = result.getTelemetry();
    Set<String> declared = new LinkedHashSet<>();
    for (UnitTelemetry unit : t.getUnits()) {
      if (!declared.add(unit.getWorkUnitId())) {
        found.add(violation(session, "unit " + unit.getWorkUnitId() + " twice in the telemetry"));
      }
      UnitRules.check(session, unit, byUnit.getOrDefault(unit.getWorkUnitId(), List.of()), found);
    }
    for (String unit : byUnit.keySet()) {
      if (!declared.contains(unit)) {
        found.add(new Violation(session, unit, "has events but no telemetry"));
      }
    }
    totals(session, t, events, found);
  }

  private static void agree(
      String session, Event start, Event end, SessionResult result, List<Violation> found) {
    SessionStarted started = (SessionStarted) start.getPayload();
    SessionEnded ended = (SessionEnded) end.getPayload();
    String expectedEnd =
        result.getStatus() == SessionStatus.completed
            ? EventTypes.SESSION_COMPLETED
            : EventTypes.SESSION_FAILED;
    check(
        found,
        session,
        end.getEventType().equals(expectedEnd),
        "result status " + result.getStatus() + " but the log ends with " + end.getEventType());
    check(
        found,
        session,
        ended.getStatus() == result.getStatus(),
        "result status " + result.getStatus() + ", session end says " + ended.getStatus());
    check(
        found,
        session,
        ended.getStopReason() == result.getStopReason(),
        "result stop_reason "
            + result.getStopReason()
            + ", session end says "
            + ended.getStopReason());
    check(
        found,
        session,
        ended.getTotalLatencyMs() == result.getTelemetry().getTotalLatencyMs(),
        "total_latency_ms "
            + result.getTelemetry().getTotalLatencyMs()
            + ", session end says "
            + ended.getTotalLatencyMs());
    check(
        found,
        session,
        started.getRequestId().equals(result.getRequestId()),
        "result request_id "
            + result.getRequestId()
            + ", session start says "
            + started.getRequestId());
    check(
        found,
        session,
        started.getWorkUnitCount() == result.getTelemetry().getUnits().size(),
        started.getWorkUnitCount()
            + " units started, "
            + result.getTelemetry().getUnits().size()
            + " in the telemetry");
    check(
        found,
        session,
        result.getTenantId().equals(start.getTenantId())
            && result.getGraphId().equals(start.getGraphId()),
        "result tenant/graph differ from the session's events");
    check(
        found,
        session,
        result.getTelemetry().getTotalLatencyMs() >= 0,
        "total_latency_ms is negative");
  }

  /** Session fields of the bundle: sums over its units, and over the log's model calls. */
  private static void totals(
      String session, SessionTelemetry t, List<Event> events, List<Violation> found) {
    long tokens = 0;
    int deterministic = 0;
    for (UnitTelemetry u : t.getUnits()) {
      tokens += u.getTokensIn() + u.getTokensOut();
      if (u.getType() == WorkUnitType.deterministic && "completed".equals(u.getStatus())) {
        deterministic++;
      }
    }
    // The bundle counts the calls of attempts the session accepted: a unit cancelled when the
    // session ended may still report its calls afterwards (billed, docs/billing.md), uncounted.
    Set<String> ended = new HashSet<>();
    t.getUnits().stream()
        .filter(u -> "completed".equals(u.getStatus()) || "failed".equals(u.getStatus()))
        .forEach(u -> ended.add(u.getWorkUnitId()));
    long calls =
        ofType(events, EventTypes.LLM_STARTED).stream()
            .filter(e -> ended.contains(e.getWorkUnitId()))
            .count();
    check(
        found,
        session,
        t.getTotalTokens() == tokens,
        "total_tokens " + t.getTotalTokens() + ", its units sum to " + tokens);
    check(
        found,
        session,
        t.getDeterministicCount() == deterministic,
        "deterministic_count "
            + t.getDeterministicCount()
            + ", "
            + deterministic
            + " deterministic units completed");
    check(
        found,
        session,
        t.getModelInvocationCount() == calls,
        "model_invocation_count "
            + t.getModelInvocationCount()
            + ", the log has "
            + calls
            + " llm.invocation.started");
  }

  static List<Event> ofType(List<Event> events, String type) {
    return events.stream().filter(e -> e.getEventType().equals(type)).toList();
  }

  private static void check(List<Violation> found, String session, boolean ok, String detail) {
    if (!ok) {
      found.add(violation(session, detail));
    }
  }

  private static Violation violation(String session, String detail) {
    return new Violation(session, null, detail);
  }
}
