package dev.krako.topology.trust;

import static dev.krako.topology.TopologyTestSupport.T0;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.LlmInvocation;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.avro.SessionStarted;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitRetryScheduled;
import dev.krako.avro.WorkUnitStarted;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds event logs as the workers, the orchestrator and the health reporter write them: worker
 * events with source {@code {worker, <node id>}} and deterministic ids (the n-th model call of an
 * attempt has the id suffix {@code #n}); health reports keyed by node id. Times are milliseconds
 * after {@link dev.krako.topology.TopologyTestSupport#T0}.
 */
final class TrustEventLog {

  static final String TENANT = "tenant-a";

  private final List<Event> events = new ArrayList<>();
  private int healthReports;

  static TrustEventLog log() {
    return new TrustEventLog();
  }

  static String session(int n) {
    return EventIds.sessionId(TENANT, "req-" + n);
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  /** claimed, started and completed: one attempt that succeeded on the node. */
  TrustEventLog succeeded(String node, Substrate pool, String session, String unit, long atMs) {
    return claimed(node, pool, session, unit, 0, atMs)
        .started(node, pool, session, unit, 0, atMs)
        .completed(node, pool, session, unit, 0, atMs + 1);
  }

  /** claimed, started and failed with this error code. */
  TrustEventLog failedWith(
      String node, Substrate pool, String session, String unit, String code, long atMs) {
    return claimed(node, pool, session, unit, 0, atMs)
        .started(node, pool, session, unit, 0, atMs)
        .failed(node, pool, session, unit, 0, code, atMs + 1);
  }

  TrustEventLog claimed(
      String node, Substrate pool, String session, String unit, int attempt, long atMs) {
    return worker(
        node,
        session,
        unit,
        attempt,
        EventTypes.UNIT_CLAIMED,
        "",
        atMs,
        new WorkUnitClaimed(node, pool));
  }

  TrustEventLog started(
      String node, Substrate pool, String session, String unit, int attempt, long atMs) {
    return worker(
        node,
        session,
        unit,
        attempt,
        EventTypes.UNIT_STARTED,
        "",
        atMs,
        new WorkUnitStarted(node, pool));
  }

  TrustEventLog completed(
      String node, Substrate pool, String session, String unit, int attempt, long atMs) {
    return worker(
        node,
        session,
        unit,
        attempt,
        EventTypes.UNIT_COMPLETED,
        "",
        atMs,
        new WorkUnitCompleted(node, pool, "{}", 10L, usage()));
  }

  TrustEventLog failed(
      String node,
      Substrate pool,
      String session,
      String unit,
      int attempt,
      String code,
      long atMs) {
    return worker(
        node,
        session,
        unit,
        attempt,
        EventTypes.UNIT_FAILED,
        "",
        atMs,
        new WorkUnitFailed(node, pool, code, "it failed", 10L, usage()));
  }

  /** The {@code call}-th model call of an attempt; {@code error} null when it succeeded. */
  TrustEventLog modelCall(
      String node, String session, String unit, int attempt, int call, String error, long atMs) {
    String suffix = call == 0 ? "" : "#" + call;
    worker(
        node,
        session,
        unit,
        attempt,
        EventTypes.LLM_STARTED,
        suffix,
        atMs,
        new LlmInvocation(node, "model-small", "small", 0L, usage(), null));
    return worker(
        node,
        session,
        unit,
        attempt,
        error == null ? EventTypes.LLM_COMPLETED : EventTypes.LLM_FAILED,
        suffix,
        atMs + 1,
        new LlmInvocation(node, "model-small", "small", 40L, usage(), error));
  }

  /** A {@code node.health.updated} about the node, keyed by its id. */
  TrustEventLog health(String node, Substrate pool, String status, long atMs) {
    events.add(
        Event.newBuilder()
            .setEventId(
                EventIds.eventId(node, null, healthReports++, EventTypes.NODE_HEALTH_UPDATED))
            .setEventType(EventTypes.NODE_HEALTH_UPDATED)
            .setTimestamp(T0.plusMillis(atMs))
            .setSource(new EventSource("health", node))
            .setPayload(new NodeHealthUpdated(node, pool, status, null))
            .build());
    return this;
  }

  /** The orchestrator's events of a session: they say nothing about a node. */
  TrustEventLog orchestrator(String session, String unit, long atMs) {
    add(
        session,
        null,
        0,
        EventTypes.SESSION_STARTED,
        "",
        atMs,
        new EventSource("orchestrator", "orchestrator-1"),
        new SessionStarted("req", 1));
    return add(
        session,
        unit,
        0,
        EventTypes.UNIT_RETRY_SCHEDULED,
        "",
        atMs,
        new EventSource("orchestrator", "orchestrator-1"),
        new WorkUnitRetryScheduled(1, 0L, T0.plusMillis(atMs)));
  }

  /** The last event again, as a redelivery writes it: same id, same everything. */
  TrustEventLog redelivered() {
    events.add(Event.newBuilder(events.get(events.size() - 1)).build());
    return this;
  }

  /** The key an event has on krako.events: its session id, or its node id for node events. */
  static String keyOf(Event e) {
    return e.getSessionId() != null ? e.getSessionId() : e.getSource().getId();
  }

  private TrustEventLog worker(
      String node,
      String session,
      String unit,
      int attempt,
      String type,
      String idSuffix,
      long atMs,
      SpecificRecord payload) {
    return add(
        session, unit, attempt, type, idSuffix, atMs, new EventSource("worker", node), payload);
  }

  private TrustEventLog add(
      String session,
      String unit,
      int attempt,
      String type,
      String idSuffix,
      long atMs,
      EventSource source,
      SpecificRecord payload) {
    events.add(
        Event.newBuilder()
            .setEventId(EventIds.eventId(session, unit, attempt, type + idSuffix))
            .setEventType(type)
            .setTimestamp(T0.plusMillis(atMs))
            .setTenantId(TENANT)
            .setGraphId("graph-of-" + session)
            .setSessionId(session)
            .setWorkUnitId(unit)
            .setAttemptIndex(attempt)
            .setSource(source)
            .setPayload(payload)
            .build());
    return this;
  }

  private static Usage usage() {
    return new Usage(0L, 0L, 0L, 0);
  }
}
