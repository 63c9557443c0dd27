package dev.krako.topology.orchestration;

import dev.krako.avro.Event;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.events.EventTypes;
import dev.krako.session.SessionInput;
import dev.krako.topology.codec.SessionCodec;
import java.util.Optional;

/**
 * Reads the events the orchestrator acts on (a worker's claim and outcome, of an attempt or of one
 * replica of it) as session inputs. Every other event on the log, including the orchestrator's own
 * verdicts, is ignored.
 */
final class EventInputs {

  private EventInputs() {}

  static Optional<SessionInput> of(Event e) {
    if (e.getWorkUnitId() == null) {
      return Optional.empty();
    }
    if (e.getReplicaIndex() != null) {
      return ReplicaInputs.of(e);
    }
    if (e.getVerification() != null) {
      return Optional.empty(); // a verdict: the orchestrator's own outcome, nothing to act on
    }
    String unit = e.getWorkUnitId();
    int attempt = e.getAttemptIndex();
    switch (e.getEventType()) {
      case EventTypes.UNIT_CLAIMED:
        if (e.getPayload() instanceof WorkUnitClaimed c) {
          return Optional.of(
              new SessionInput.UnitClaimed(unit, attempt, c.getNodeId(), e.getTimestamp()));
        }
        return Optional.empty();
      case EventTypes.UNIT_COMPLETED:
        if (e.getPayload() instanceof WorkUnitCompleted c) {
          return Optional.of(
              new SessionInput.UnitCompleted(
                  unit,
                  attempt,
                  c.getNodeId(),
                  c.getOutputJson(),
                  c.getDurationMs(),
                  SessionCodec.usage(c.getUsage()),
                  e.getTimestamp()));
        }
        return Optional.empty();
      case EventTypes.UNIT_FAILED:
        if (e.getPayload() instanceof WorkUnitFailed f) {
          return Optional.of(
              new SessionInput.UnitFailed(
                  unit,
                  attempt,
                  f.getNodeId(),
                  f.getErrorCode(),
                  f.getDurationMs(),
                  SessionCodec.usage(f.getUsage()),
                  e.getTimestamp()));
        }
        return Optional.empty();
      default:
        return Optional.empty();
    }
  }
}
