package dev.krako.topology.orchestration;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.SessionEnded;
import dev.krako.avro.SessionStarted;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitRetryScheduled;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.avro.WorkUnitSkipped;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.session.Effect;
import dev.krako.session.Session;
import dev.krako.session.SessionStatus;
import dev.krako.topology.codec.GraphCodec;
import dev.krako.topology.codec.SessionCodec;
import java.time.Instant;
import java.util.Locale;

/** Builds the orchestrator's records (events and dispatches) from a decision's effects. */
final class OrchestratorEvents {

  static final String COMPONENT = "orchestrator";

  private final EventSource source;

  OrchestratorEvents(String instanceId) {
    this.source = new EventSource(COMPONENT, instanceId);
  }

  Event sessionStarted(Session s, Effect.SessionStarted started, Instant at) {
    return event(s, null, 0, EventTypes.SESSION_STARTED, at)
        .setPayload(new SessionStarted(s.graph().requestId(), started.unitCount()))
        .build();
  }

  Event scheduled(Session s, Effect.Dispatch d, String topic, Instant at) {
    return event(s, d.unit().id(), d.attempt(), EventTypes.UNIT_SCHEDULED, at)
        .setPayload(new WorkUnitScheduled(GraphCodec.type(d.unit().type()), substrate(d), topic))
        .build();
  }

  Event retryScheduled(Session s, Effect.RetryScheduled r, Instant at) {
    return event(s, r.unitId(), r.nextAttempt() - 1, EventTypes.UNIT_RETRY_SCHEDULED, at)
        .setPayload(new WorkUnitRetryScheduled(r.nextAttempt(), r.backoffMs(), r.dueAt()))
        .build();
  }

  Event skipped(Session s, Effect.UnitSkipped skip, Instant at) {
    return event(s, skip.unitId(), skip.attempt(), EventTypes.UNIT_SKIPPED, at)
        .setPayload(new WorkUnitSkipped(skip.reason().wireName()))
        .build();
  }

  Event sessionEnded(Session s, Effect.SessionEnded end, Instant at) {
    String type =
        end.status() == SessionStatus.COMPLETED
            ? EventTypes.SESSION_COMPLETED
            : EventTypes.SESSION_FAILED;
    return event(s, null, 0, type, at)
        .setPayload(
            new SessionEnded(
                SessionCodec.status(end.status()),
                SessionCodec.stopReason(end.reason()),
                end.totalLatencyMs()))
        .build();
  }

  WorkUnitDispatch dispatch(Session s, Effect.Dispatch d, Instant at) {
    return WorkUnitDispatch.newBuilder()
        .setSessionId(s.sessionId())
        .setTenantId(s.graph().tenantId())
        .setGraphId(s.graph().graphId())
        .setWorkUnitId(d.unit().id())
        .setAttemptIndex(d.attempt())
        .setType(GraphCodec.type(d.unit().type()))
        .setSubstrate(substrate(d))
        .setRunJson(d.unit().runJson())
        .setInputJson(d.unit().inputJson())
        .setDependencyIds(d.unit().dependencies())
        .setDependencyOutputs(d.dependencyOutputs())
        .setIdempotent(d.unit().idempotent())
        .setBudgetTokens(d.tokenGrant())
        .setRunTimeoutMs(d.unit().runTimeoutMs())
        .setVerificationMode(
            dev.krako.avro.VerificationMode.valueOf(
                d.unit().verificationMode().name().toLowerCase(Locale.ROOT)))
        .setOutputSchemaJson(d.unit().outputSchemaJson())
        .setDispatchedAt(at)
        .build();
  }

  static dev.krako.avro.Substrate substrate(Effect.Dispatch d) {
    return dev.krako.avro.Substrate.valueOf(d.substrate().name().toLowerCase(Locale.ROOT));
  }

  private Event.Builder event(Session s, String unitId, int attempt, String type, Instant at) {
    return Event.newBuilder()
        .setEventId(EventIds.eventId(s.sessionId(), unitId, attempt, type))
        .setEventType(type)
        .setTimestamp(at)
        .setTenantId(s.graph().tenantId())
        .setGraphId(s.graph().graphId())
        .setSessionId(s.sessionId())
        .setWorkUnitId(unitId)
        .setAttemptIndex(attempt)
        .setSource(source);
  }
}
