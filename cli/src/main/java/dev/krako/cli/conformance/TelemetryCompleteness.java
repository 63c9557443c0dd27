package dev.krako.cli.conformance;

import dev.krako.avro.AdmissionModeChanged;
import dev.krako.avro.CapacityScaleRequested;
import dev.krako.avro.Event;
import dev.krako.avro.LlmInvocation;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.avro.SessionEnded;
import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionStarted;
import dev.krako.avro.ValidationFailed;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitRetryScheduled;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.avro.WorkUnitSkipped;
import dev.krako.avro.WorkUnitStarted;
import dev.krako.events.EventTypes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CI gate "telemetry completeness" (CONTRACT.md section 6), as a check of what a run wrote: the
 * event log and the session results. It says, for every session that started or has a result: every
 * unit has its full event sequence — each attempt {@code workunit.scheduled}, then {@code claimed →
 * started → completed | failed} in log order (the scheduled event itself may come after the claim,
 * docs/topics-and-events.md), a failed attempt followed by {@code workunit.retry.scheduled} and the
 * next attempt, a skipped unit its {@code workunit.skipped} with a reason of the closed set, an
 * {@code llm} attempt its model calls with usage — every event has the envelope fields of section
 * 6, well-formed, and the session has exactly one result whose telemetry bundle agrees with its
 * events.
 *
 * <p>Pure and reusable (a conformance harness runs it against any Krako): give it every event read
 * from {@code krako.events} in log order (one session's events are in one partition, so their order
 * is the log's) and every record of {@code krako.sessions.results}. Redelivered events (the same
 * {@code event_id}) are counted once; two different events under one id are a violation.
 */
public final class TelemetryCompleteness {

  /** One thing that is missing or wrong, located by session and unit (either may be null). */
  public record Violation(String sessionId, String workUnitId, String detail) {
    @Override
    public String toString() {
      return "session "
          + sessionId
          + (workUnitId == null ? "" : " unit " + workUnitId)
          + ": "
          + detail;
    }
  }

  private TelemetryCompleteness() {}

  /** Every violation found; an empty list is a pass. */
  public static List<Violation> check(Collection<Event> log, Collection<SessionResult> results) {
    List<Violation> found = new ArrayList<>();
    Map<String, Event> byId = new LinkedHashMap<>();
    for (Event e : log) {
      EnvelopeRules.check(e, found);
      Event first = byId.putIfAbsent(e.getEventId(), e);
      if (first != null && !sameEvent(first, e)) {
        found.add(
            new Violation(
                e.getSessionId(),
                e.getWorkUnitId(),
                "event id " + e.getEventId() + " names two different events"));
      }
    }
    Map<String, List<Event>> sessions = new LinkedHashMap<>();
    for (Event e : byId.values()) {
      Class<?> payload = payloadOf(e.getEventType());
      if (payload == null || !payload.isInstance(e.getPayload())) {
        continue; // reported by the envelope rules; the sequence rules read typed payloads only
      }
      if (e.getSessionId() != null && e.getWorkUnitId() != null
          || EventTypes.SESSION_STARTED.equals(e.getEventType())
          || isSessionEnd(e)) {
        sessions.computeIfAbsent(e.getSessionId(), s -> new ArrayList<>()).add(e);
      }
    }
    Map<String, List<SessionResult>> resultsBySession = new LinkedHashMap<>();
    for (SessionResult r : results) {
      resultsBySession.computeIfAbsent(r.getSessionId(), s -> new ArrayList<>()).add(r);
      sessions.computeIfAbsent(r.getSessionId(), s -> new ArrayList<>());
    }
    sessions.forEach(
        (session, events) ->
            SessionRules.check(
                session, events, resultsBySession.getOrDefault(session, List.of()), found));
    return found;
  }

  static boolean isSessionEnd(Event e) {
    return EventTypes.SESSION_COMPLETED.equals(e.getEventType())
        || EventTypes.SESSION_FAILED.equals(e.getEventType());
  }

  /** The same event delivered twice: everything but nothing else may be equal. */
  private static boolean sameEvent(Event a, Event b) {
    return a.getEventType().equals(b.getEventType())
        && Objects.equals(a.getSessionId(), b.getSessionId())
        && Objects.equals(a.getWorkUnitId(), b.getWorkUnitId())
        && a.getAttemptIndex() == b.getAttemptIndex();
  }

  /**
   * The payload type each event type carries (CONTRACT.md section 6, docs/topics-and-events.md).
   */
  static Class<?> payloadOf(String eventType) {
    return switch (eventType) {
      case EventTypes.SESSION_STARTED -> SessionStarted.class;
      case EventTypes.SESSION_COMPLETED, EventTypes.SESSION_FAILED -> SessionEnded.class;
      case EventTypes.UNIT_SCHEDULED -> WorkUnitScheduled.class;
      case EventTypes.UNIT_CLAIMED -> WorkUnitClaimed.class;
      case EventTypes.UNIT_STARTED -> WorkUnitStarted.class;
      case EventTypes.UNIT_COMPLETED -> WorkUnitCompleted.class;
      case EventTypes.UNIT_FAILED -> WorkUnitFailed.class;
      case EventTypes.UNIT_SKIPPED -> WorkUnitSkipped.class;
      case EventTypes.UNIT_RETRY_SCHEDULED -> WorkUnitRetryScheduled.class;
      case EventTypes.LLM_STARTED, EventTypes.LLM_COMPLETED, EventTypes.LLM_FAILED ->
          LlmInvocation.class;
      case EventTypes.NODE_HEALTH_UPDATED -> NodeHealthUpdated.class;
      case EventTypes.VALIDATION_FAILED -> ValidationFailed.class;
      case EventTypes.CAPACITY_SCALE_REQUESTED -> CapacityScaleRequested.class;
      case EventTypes.ADMISSION_MODE_CHANGED -> AdmissionModeChanged.class;
      default -> null;
    };
  }
}
