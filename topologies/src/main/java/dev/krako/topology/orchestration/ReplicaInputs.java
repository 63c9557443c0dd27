package dev.krako.topology.orchestration;

import dev.krako.avro.Event;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.events.EventTypes;
import dev.krako.session.SessionInput;
import dev.krako.topology.codec.SessionCodec;
import java.util.Optional;

/** Reads a worker's events about one replica of a verified attempt (replica_index set). */
final class ReplicaInputs {

  private ReplicaInputs() {}

  static Optional<SessionInput> of(Event e) {
    String unit = e.getWorkUnitId();
    int attempt = e.getAttemptIndex();
    int replica = e.getReplicaIndex();
    Object payload = e.getPayload();
    if (EventTypes.UNIT_CLAIMED.equals(e.getEventType()) && payload instanceof WorkUnitClaimed c) {
      return Optional.of(
          new SessionInput.ReplicaClaimed(unit, attempt, replica, c.getNodeId(), e.getTimestamp()));
    }
    if (EventTypes.UNIT_COMPLETED.equals(e.getEventType())
        && payload instanceof WorkUnitCompleted c) {
      return Optional.of(
          new SessionInput.ReplicaEnded(
              unit,
              attempt,
              replica,
              c.getNodeId(),
              c.getOutputJson(),
              null,
              c.getDurationMs(),
              SessionCodec.usage(c.getUsage()),
              e.getTimestamp()));
    }
    if (EventTypes.UNIT_FAILED.equals(e.getEventType()) && payload instanceof WorkUnitFailed f) {
      return Optional.of(
          new SessionInput.ReplicaEnded(
              unit,
              attempt,
              replica,
              f.getNodeId(),
              null,
              f.getErrorCode(),
              f.getDurationMs(),
              SessionCodec.usage(f.getUsage()),
              e.getTimestamp()));
    }
    return Optional.empty();
  }
}
