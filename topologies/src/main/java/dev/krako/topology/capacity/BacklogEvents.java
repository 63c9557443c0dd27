package dev.krako.topology.capacity;

import dev.krako.avro.Event;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.events.EventTypes;
import java.util.Set;

/** Which events of the log say something about a pool's backlog, and their slim copies. */
final class BacklogEvents {

  private static final Set<String> TYPES =
      Set.of(
          EventTypes.UNIT_SCHEDULED,
          EventTypes.UNIT_CLAIMED,
          EventTypes.UNIT_COMPLETED,
          EventTypes.UNIT_FAILED,
          EventTypes.UNIT_SKIPPED,
          EventTypes.SESSION_COMPLETED,
          EventTypes.SESSION_FAILED,
          EventTypes.NODE_HEALTH_UPDATED);

  private BacklogEvents() {}

  static boolean relevant(Event event) {
    return event != null && TYPES.contains(event.getEventType());
  }

  /**
   * The event without its unit's output: the repartition to one partition carries every backlog
   * event, and outputs are the only large part. A shallow copy: {@code Event.newBuilder(event)}
   * deep-copies the whole event, which cost a measurable share of the thread (ADR 021).
   */
  static Event slim(Event event) {
    if (event.getPayload() instanceof WorkUnitCompleted completed) {
      return new Event(
          event.getEventId(),
          event.getEventType(),
          event.getTimestamp(),
          event.getTenantId(),
          event.getGraphId(),
          event.getSessionId(),
          event.getWorkUnitId(),
          event.getAttemptIndex(),
          event.getSource(),
          new WorkUnitCompleted(
              completed.getNodeId(),
              completed.getSubstrate(),
              "",
              completed.getDurationMs(),
              completed.getUsage()),
          event.getReplicaIndex(),
          event.getVerification());
    }
    return event;
  }

  /** The substrate symbol an event names, or null. */
  static String substrate(Event event) {
    Object payload = event.getPayload();
    if (payload instanceof WorkUnitScheduled p) {
      return p.getSubstrate().name();
    }
    if (payload instanceof WorkUnitClaimed p) {
      return p.getSubstrate().name();
    }
    if (payload instanceof WorkUnitCompleted p) {
      return p.getSubstrate().name();
    }
    if (payload instanceof WorkUnitFailed p) {
      return p.getSubstrate().name();
    }
    if (payload instanceof NodeHealthUpdated p) {
      return p.getSubstrate().name();
    }
    return null;
  }
}
