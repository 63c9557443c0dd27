package dev.krako.billing;

import java.time.Instant;

/**
 * The event a ledger entry comes from: its deterministic id, its type and its timestamp (the
 * entry's event time; billing never reads the wall clock).
 */
public record SourceEvent(String eventId, String eventType, Instant eventTime) {

  public SourceEvent {
    Ids.require(eventId, "event_id");
    Ids.require(eventType, "event_type");
    if (eventTime == null) {
      throw new UnbillableEventException("A billable event has a timestamp.");
    }
  }
}
