package dev.krako.events;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Deterministic ids. An event id is derived from the session, the unit, the attempt and the event
 * type, so a replay regenerates the same ids and billing can deduplicate on them; a session id is
 * derived from the tenant and the request id, so one request can never get two sessions.
 */
public final class EventIds {

  private static final char SEPARATOR = '\u001f'; // a unit separator cannot occur in a JSON id

  private EventIds() {}

  /** The id of the event of this type for this session, unit (may be null) and attempt. */
  public static String eventId(String sessionId, String workUnitId, int attempt, String eventType) {
    return uuid(
        "event",
        sessionId,
        workUnitId == null ? "" : workUnitId,
        Integer.toString(attempt),
        eventType);
  }

  /**
   * The id of the event of this type about one replica of a verified attempt (quorum, recompute):
   * the attempt's id parts plus the replica index, so the replicas' events never collide with each
   * other nor with the attempt's verdict, whose id is {@link #eventId}'s.
   */
  public static String replicaEventId(
      String sessionId, String workUnitId, int attempt, int replica, String eventType) {
    return uuid(
        "event",
        sessionId,
        workUnitId,
        Integer.toString(attempt),
        eventType,
        "replica",
        Integer.toString(replica));
  }

  /** The session id of a request: a name-based UUID of (tenant id, request id). */
  public static String sessionId(String tenantId, String requestId) {
    return uuid("session", tenantId, requestId);
  }

  /**
   * The id of an event about one input record, such as a rejection: derived from its coordinates.
   */
  public static String recordEventId(String topic, int partition, long offset, String eventType) {
    return uuid("record", topic, Integer.toString(partition), Long.toString(offset), eventType);
  }

  /**
   * The id of the {@code sequence}-th event of this type about a subject that is not a session,
   * such as a pool's scale requests or the admission mode's changes: the subject keeps the count,
   * so a restart that re-emits a decision regenerates its id.
   */
  public static String sequenceEventId(String subject, long sequence, String eventType) {
    return uuid("sequence", subject, Long.toString(sequence), eventType);
  }

  private static String uuid(String... parts) {
    String joined = String.join(String.valueOf(SEPARATOR), parts);
    return UUID.nameUUIDFromBytes(joined.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
