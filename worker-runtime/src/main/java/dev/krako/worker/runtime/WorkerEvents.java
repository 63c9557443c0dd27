package dev.krako.worker.runtime;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitStarted;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.Outcome;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/** Builds the events a worker node reports about the attempts it runs. */
final class WorkerEvents {

  static final String COMPONENT = "worker";

  private final String nodeId;
  private final Substrate substrate;
  private final EventSource source;

  WorkerEvents(String nodeId, Substrate substrate) {
    this.nodeId = nodeId;
    this.substrate = substrate;
    this.source = new EventSource(COMPONENT, nodeId);
  }

  Event claimed(WorkUnitDispatch d, Instant at) {
    return event(d, EventTypes.UNIT_CLAIMED, at, new WorkUnitClaimed(nodeId, substrate));
  }

  Event started(WorkUnitDispatch d, Instant at) {
    return event(d, EventTypes.UNIT_STARTED, at, new WorkUnitStarted(nodeId, substrate));
  }

  Event outcome(WorkUnitDispatch d, Outcome outcome, long durationMs, Instant at) {
    Usage usage = usage(outcome.usage());
    if (outcome instanceof Outcome.Completed done) {
      return event(
          d,
          EventTypes.UNIT_COMPLETED,
          at,
          new WorkUnitCompleted(nodeId, substrate, done.outputJson(), durationMs, usage));
    }
    Outcome.Failed failed = (Outcome.Failed) outcome;
    return event(
        d,
        EventTypes.UNIT_FAILED,
        at,
        new WorkUnitFailed(
            nodeId, substrate, failed.errorCode(), failed.message(), durationMs, usage));
  }

  private static Usage usage(ExecutionUsage u) {
    return new Usage(u.cpuMs(), u.tokensIn(), u.tokensOut(), u.llmCalls());
  }

  private Event event(WorkUnitDispatch d, String type, Instant at, SpecificRecord payload) {
    return Event.newBuilder()
        .setEventId(
            EventIds.eventId(d.getSessionId(), d.getWorkUnitId(), d.getAttemptIndex(), type))
        .setEventType(type)
        .setTimestamp(at)
        .setTenantId(d.getTenantId())
        .setGraphId(d.getGraphId())
        .setSessionId(d.getSessionId())
        .setWorkUnitId(d.getWorkUnitId())
        .setAttemptIndex(d.getAttemptIndex())
        .setSource(source)
        .setPayload(payload)
        .build();
  }
}
