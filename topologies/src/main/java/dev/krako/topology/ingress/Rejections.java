package dev.krako.topology.ingress;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.SessionTelemetry;
import dev.krako.avro.StopReason;
import dev.krako.avro.TaskGraph;
import dev.krako.avro.ValidationFailed;
import dev.krako.avro.Violation;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.ViolationCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Builds rejection records and their validation.failed events. */
final class Rejections {

  static final String COMPONENT = "ingress";

  /**
   * A rejection lists at most this many violations, then one {@code VIOLATIONS_TRUNCATED} entry
   * with the count of the rest. A graph of 20,000 unknown dependencies has 20,000 violations:
   * listed in full, the rejection outgrows the broker's 1 MiB record limit and could not be sent at
   * all. The first hundred show the sender what is wrong; the count shows how much.
   */
  static final int MAX_VIOLATIONS = 100;

  /**
   * Paths and messages quote the sender's ids and values, which a hostile graph can make a megabyte
   * long: each is cut to this many characters, with an ellipsis.
   */
  static final int MAX_TEXT = 1_000;

  /** The admission mode is {@code rejecting}: no new graph gets a session. */
  static final String ADMISSION_REJECTED = "ADMISSION_REJECTED";

  /** The tenant went past its admission rate in the current mode. */
  static final String TENANT_RATE_EXCEEDED = "TENANT_RATE_EXCEEDED";

  private Rejections() {}

  static GraphRejected of(ParseOutcome.Rejected rejected, SourceCoordinates source, Instant at) {
    List<dev.krako.graph.Violation> all = rejected.violations();
    List<Violation> listed = new ArrayList<>();
    for (dev.krako.graph.Violation v : all.subList(0, Math.min(all.size(), MAX_VIOLATIONS))) {
      listed.add(new Violation(v.code().name(), clip(v.path()), clip(v.message())));
    }
    if (all.size() > MAX_VIOLATIONS) {
      listed.add(
          new Violation(
              ViolationCode.VIOLATIONS_TRUNCATED.name(),
              "$",
              (all.size() - MAX_VIOLATIONS)
                  + " more violations are not listed (a rejection lists the first "
                  + MAX_VIOLATIONS
                  + ")"));
    }
    return base(source, at)
        .setGraphId(clip(rejected.graphId()))
        .setTenantId(clip(rejected.tenantId()))
        .setRequestId(clip(rejected.requestId()))
        .setViolations(listed)
        .build();
  }

  /** The text, cut to {@link #MAX_TEXT} characters (never inside a surrogate pair). */
  static String clip(String text) {
    if (text == null || text.length() <= MAX_TEXT) {
      return text;
    }
    int end = MAX_TEXT;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "…";
  }

  /** A repeated (tenant_id, request_id): not an error for the sender, who gets the session id. */
  static GraphRejected duplicate(
      String graphId,
      String tenantId,
      String requestId,
      String existingSessionId,
      SourceCoordinates source,
      Instant at) {
    return base(source, at)
        .setGraphId(graphId)
        .setTenantId(tenantId)
        .setRequestId(requestId)
        .setExistingSessionId(existingSessionId)
        .setViolations(
            List.of(
                new Violation(
                    ViolationCode.DUPLICATE_REQUEST.name(),
                    "$.request_id",
                    "this (tenant_id, request_id) already has the session " + existingSessionId)))
        .build();
  }

  /**
   * A valid graph that admission refused: it names the session id the request would have had (a
   * later submission of the same request may still get it) and no session exists.
   */
  static GraphRejected refused(
      TaskGraph graph, String code, String message, SourceCoordinates source, Instant at) {
    return base(source, at)
        .setGraphId(graph.getGraphId())
        .setTenantId(graph.getTenantId())
        .setRequestId(graph.getRequestId())
        .setViolations(List.of(new Violation(code, "$", message)))
        .build();
  }

  /**
   * The answer on the results topic for a refused graph: failed, {@code admission_rejected}, no
   * output, empty telemetry; keyed by the session id the request would have had.
   */
  static SessionResult refusedResult(TaskGraph graph, String sessionId) {
    return SessionResult.newBuilder()
        .setGraphId(graph.getGraphId())
        .setRequestId(graph.getRequestId())
        .setTenantId(graph.getTenantId())
        .setSessionId(sessionId)
        .setStatus(SessionStatus.failed)
        .setStopReason(StopReason.admission_rejected)
        .setFinalOutputJson(null)
        .setTelemetry(new SessionTelemetry(0L, 0L, 0, 0, List.of()))
        .build();
  }

  /** The validation.failed event of a rejection; its id derives from the rejected record. */
  static Event validationFailed(GraphRejected rejected, String instanceId) {
    return Event.newBuilder()
        .setEventId(
            EventIds.recordEventId(
                rejected.getSourceTopic(),
                rejected.getSourcePartition(),
                rejected.getSourceOffset(),
                EventTypes.VALIDATION_FAILED))
        .setEventType(EventTypes.VALIDATION_FAILED)
        .setTimestamp(rejected.getRejectedAt())
        .setTenantId(rejected.getTenantId())
        .setGraphId(rejected.getGraphId())
        .setSessionId(null)
        .setWorkUnitId(null)
        .setAttemptIndex(0)
        .setSource(new EventSource(COMPONENT, instanceId))
        .setPayload(new ValidationFailed(rejected.getViolations()))
        .build();
  }

  private static GraphRejected.Builder base(SourceCoordinates source, Instant at) {
    return GraphRejected.newBuilder()
        .setRejectedAt(at)
        .setSourceTopic(source.topic())
        .setSourcePartition(source.partition())
        .setSourceOffset(source.offset());
  }
}
