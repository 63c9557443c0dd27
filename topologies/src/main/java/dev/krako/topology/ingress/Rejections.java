package dev.krako.topology.ingress;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.ValidationFailed;
import dev.krako.avro.Violation;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.ViolationCode;
import java.time.Instant;
import java.util.List;

/** Builds rejection records and their validation.failed events. */
final class Rejections {

  static final String COMPONENT = "ingress";

  private Rejections() {}

  static GraphRejected of(ParseOutcome.Rejected rejected, SourceCoordinates source, Instant at) {
    return base(source, at)
        .setGraphId(rejected.graphId())
        .setTenantId(rejected.tenantId())
        .setRequestId(rejected.requestId())
        .setViolations(
            rejected.violations().stream()
                .map(v -> new Violation(v.code().name(), v.path(), v.message()))
                .toList())
        .build();
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
