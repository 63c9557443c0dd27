package dev.krako.cli.conformance;

import dev.krako.avro.Event;
import dev.krako.cli.conformance.TelemetryCompleteness.Violation;
import dev.krako.events.EventTypes;
import java.time.Instant;
import java.util.List;

/**
 * The envelope of CONTRACT.md section 6 on one event: {@code event_id}, {@code event_type} of the
 * closed set with its payload type, a UTC {@code timestamp}, {@code tenant_id}, {@code graph_id},
 * {@code session_id} and {@code work_unit_id} where the event is about a session or a unit (a
 * session event has no unit, a node event neither), {@code attempt_index} ≥ 0 and {@code source
 * {component, id}}.
 */
final class EnvelopeRules {

  /** Before this, a timestamp is not a real event time (a zero, a seconds-for-millis mix-up). */
  private static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");

  private EnvelopeRules() {}

  static void check(Event e, List<Violation> found) {
    Reporter report =
        detail -> found.add(new Violation(e.getSessionId(), e.getWorkUnitId(), detail));
    String what = e.getEventType() + " " + e.getEventId();
    if (blank(e.getEventId())) {
      report.add(e.getEventType() + " without an event_id");
    }
    Class<?> payload = TelemetryCompleteness.payloadOf(e.getEventType());
    if (payload == null) {
      report.add(what + ": event_type is not of the closed set");
      return;
    }
    if (!payload.isInstance(e.getPayload())) {
      report.add(what + ": payload is not a " + payload.getSimpleName());
    }
    if (e.getTimestamp() == null || e.getTimestamp().isBefore(EARLIEST)) {
      report.add(what + ": timestamp " + e.getTimestamp() + " is not an event time");
    }
    if (e.getAttemptIndex() < 0) {
      report.add(what + ": attempt_index " + e.getAttemptIndex() + " is negative");
    }
    if (e.getSource() == null
        || blank(e.getSource().getComponent())
        || blank(e.getSource().getId())) {
      report.add(what + ": source {component, id} is incomplete");
    }
    String type = e.getEventType();
    boolean unitEvent = type.startsWith("workunit.") || type.startsWith("llm.invocation.");
    boolean sessionEvent = type.startsWith("execution.session.");
    if (unitEvent || sessionEvent) {
      if (blank(e.getTenantId()) || blank(e.getGraphId()) || blank(e.getSessionId())) {
        report.add(what + ": tenant_id, graph_id and session_id are required");
      }
      if (unitEvent && blank(e.getWorkUnitId())) {
        report.add(what + ": work_unit_id is required");
      }
      if (sessionEvent && e.getWorkUnitId() != null) {
        report.add(what + ": a session event has no work_unit_id");
      }
    }
    if (EventTypes.NODE_HEALTH_UPDATED.equals(type)
        && (e.getSessionId() != null || e.getWorkUnitId() != null)) {
      report.add(what + ": a node event has no session_id or work_unit_id");
    }
  }

  static boolean blank(CharSequence s) {
    return s == null || s.toString().isBlank();
  }

  /** Adds one violation about the event at hand. */
  @FunctionalInterface
  private interface Reporter {
    void add(String detail);
  }
}
