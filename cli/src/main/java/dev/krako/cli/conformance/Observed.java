package dev.krako.cli.conformance;

import dev.krako.avro.Event;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionResult;
import java.util.List;

/**
 * What Krako did with one corpus graph: its result and its session's events in log order, or its
 * rejection.
 */
public record Observed(SessionResult result, List<Event> events, GraphRejected rejection) {

  public Observed {
    events = List.copyOf(events);
  }

  /** The events of one unit, in log order. */
  List<Event> eventsOf(String unitId) {
    return events.stream().filter(e -> unitId.equals(e.getWorkUnitId())).toList();
  }

  long count(String unitId, String eventType) {
    return eventsOf(unitId).stream().filter(e -> e.getEventType().equals(eventType)).count();
  }

  long count(String eventType) {
    return events.stream().filter(e -> e.getEventType().equals(eventType)).count();
  }
}
