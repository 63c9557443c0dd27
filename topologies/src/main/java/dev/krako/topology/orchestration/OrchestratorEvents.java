package dev.krako.topology.orchestration;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.ReplicaVote;
import dev.krako.avro.SessionEnded;
import dev.krako.avro.SessionStarted;
import dev.krako.avro.VerificationVerdict;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitRetryScheduled;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.avro.WorkUnitSkipped;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.graph.WorkUnit;
import dev.krako.session.Effect;
import dev.krako.session.Quorum;
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
    Event.Builder event = event(s, d.unit().id(), d.attempt(), EventTypes.UNIT_SCHEDULED, at);
    if (d.replicated()) {
      event
          .setEventId(
              EventIds.replicaEventId(
                  s.sessionId(),
                  d.unit().id(),
                  d.attempt(),
                  d.replicaIndex(),
                  EventTypes.UNIT_SCHEDULED))
          .setReplicaIndex(d.replicaIndex());
    }
    return event
        .setPayload(new WorkUnitScheduled(GraphCodec.type(d.unit().type()), substrate(d), topic))
        .build();
  }

  /**
   * The verdict on a verified attempt: its one terminal outcome, {@code workunit.completed} with
   * the majority output or {@code workunit.failed} with the verdict's error code, both carrying
   * every replica's vote. Its id is the attempt's, as for an unverified attempt's outcome.
   */
  Event verdict(Session s, Effect.VerdictReached v, Instant at) {
    WorkUnit unit = s.graph().unit(v.unitId()).orElseThrow();
    VerificationVerdict verification =
        new VerificationVerdict(
            unit.verificationMode().name().toLowerCase(Locale.ROOT),
            v.verdict().votes().stream()
                .map(
                    vote ->
                        new ReplicaVote(
                            vote.replicaIndex(),
                            vote.nodeId(),
                            vote.vote().name().toLowerCase(Locale.ROOT)))
                .toList());
    dev.krako.avro.Substrate substrate =
        dev.krako.avro.Substrate.valueOf(v.substrate().name().toLowerCase(Locale.ROOT));
    dev.krako.avro.Usage usage = SessionCodec.usage(v.usage());
    if (v.verdict() instanceof Quorum.Agreed agreed) {
      return event(s, v.unitId(), v.attempt(), EventTypes.UNIT_COMPLETED, at)
          .setVerification(verification)
          .setPayload(
              new WorkUnitCompleted(
                  agreed.nodeId(), substrate, agreed.outputJson(), v.durationMs(), usage))
          .build();
    }
    Quorum.Failed failed = (Quorum.Failed) v.verdict();
    return event(s, v.unitId(), v.attempt(), EventTypes.UNIT_FAILED, at)
        .setVerification(verification)
        .setPayload(
            new WorkUnitFailed(
                null,
                substrate,
                failed.errorCode(),
                "no majority among the replicas of the attempt (" + failed.errorCode() + ")",
                v.durationMs(),
                usage))
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
        .setReplicaIndex(d.replicaIndex())
        .setReplicaCount(d.replicaCount())
        .setExcludeNodes(d.excludeNodes())
        .setHops(0)
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
