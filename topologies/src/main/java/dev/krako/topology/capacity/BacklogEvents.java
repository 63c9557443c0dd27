package dev.krako.topology.capacity;

import dev.krako.avro.Event;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.events.EventTypes;
import java.util.Set;

/** Which events of the log say something about a pool's backlog, and which pool they name. */
final class BacklogEvents {

  /** The types that tell about a backlog; capacity decodes no other event (EventsOfTypes). */
  static final Set<String> TYPES =
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
