package dev.krako.topology.orchestration;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.events.EventIds;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;

/**
 * A worker's report of an attempt or of one replica of it, as the orchestration test suites pipe
 * into {@code krako.reports}: the envelope of docs/topics-and-events.md for tenant {@code
 * tenant-a}, graph {@code g-1}, with the ids a worker would give it.
 */
final class WorkerReports {

  private WorkerReports() {}

  /**
   * @param replica the replica's index, or null for an unverified attempt's own report
   */
  static Event report(
      String session,
      String unit,
      int attempt,
      Integer replica,
      String node,
      String type,
      SpecificRecord payload,
      Instant at) {
    return Event.newBuilder()
        .setEventId(
            replica == null
                ? EventIds.eventId(session, unit, attempt, type)
                : EventIds.replicaEventId(session, unit, attempt, replica, type))
        .setEventType(type)
        .setTimestamp(at)
        .setTenantId("tenant-a")
        .setGraphId("g-1")
        .setSessionId(session)
        .setWorkUnitId(unit)
        .setAttemptIndex(attempt)
        .setReplicaIndex(replica)
        .setSource(new EventSource("worker", node))
        .setPayload(payload)
        .build();
  }
}
