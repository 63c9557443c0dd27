package dev.krako.topology.trust;

import dev.krako.avro.Event;
import dev.krako.avro.LlmInvocation;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitStarted;
import dev.krako.events.EventTypes;
import dev.krako.trust.Health;
import dev.krako.trust.NodeEvent;
import dev.krako.trust.NodeFact;
import dev.krako.trust.Substrate;
import dev.krako.trust.UnattributableEventException;
import java.util.Optional;

/**
 * Reads what an event of the log tells about a node, if anything: the workers' unit and model-call
 * events and {@code node.health.updated}. The node is the payload's {@code node_id}; a {@code
 * workunit.failed} without one belongs to its source when a worker wrote it. Every other event —
 * the orchestrator's, ingress's — says nothing about a node. An event of a node type whose payload
 * does not match, or that names no node, throws an {@link UnattributableEventException}, which
 * sends it to the dead-letter topic.
 */
final class NodeEvents {

  static final String WORKER = "worker";

  /** The kind of a failed model call that ran out of time (the worker's ChatFailure kind). */
  static final String TIMEOUT_ERROR = "TIMEOUT";

  private NodeEvents() {}

  static Optional<NodeEvent> of(Event e) {
    return switch (e.getEventType()) {
      case EventTypes.UNIT_CLAIMED -> {
        WorkUnitClaimed p = payload(e, WorkUnitClaimed.class);
        yield node(
            e, p.getNodeId(), TrustCodec.substrate(p.getSubstrate()), new NodeFact.Claimed());
      }
      case EventTypes.UNIT_STARTED -> {
        WorkUnitStarted p = payload(e, WorkUnitStarted.class);
        yield node(e, p.getNodeId(), TrustCodec.substrate(p.getSubstrate()), new NodeFact.Active());
      }
      case EventTypes.UNIT_COMPLETED -> {
        WorkUnitCompleted p = payload(e, WorkUnitCompleted.class);
        yield node(
            e, p.getNodeId(), TrustCodec.substrate(p.getSubstrate()), new NodeFact.Completed());
      }
      case EventTypes.UNIT_FAILED -> failed(e);
      case EventTypes.LLM_STARTED, EventTypes.LLM_COMPLETED -> {
        LlmInvocation p = payload(e, LlmInvocation.class);
        yield node(e, p.getNodeId(), Substrate.LLM_POD, new NodeFact.Active());
      }
      case EventTypes.LLM_FAILED -> {
        LlmInvocation p = payload(e, LlmInvocation.class);
        yield node(e, p.getNodeId(), Substrate.LLM_POD, new NodeFact.ModelCallFailed(timedOut(p)));
      }
      case EventTypes.NODE_HEALTH_UPDATED -> health(e);
      default -> Optional.empty();
    };
  }

  private static Optional<NodeEvent> health(Event e) {
    NodeHealthUpdated p = payload(e, NodeHealthUpdated.class);
    Health health = Health.ofStatus(p.getStatus());
    return node(
        e,
        p.getNodeId(),
        TrustCodec.substrate(p.getSubstrate()),
        new NodeFact.HealthReported(health));
  }

  private static Optional<NodeEvent> failed(Event e) {
    WorkUnitFailed p = payload(e, WorkUnitFailed.class);
    String nodeId = p.getNodeId();
    if (nodeId == null) {
      if (!WORKER.equals(e.getSource().getComponent())) {
        return Optional.empty();
      }
      nodeId = e.getSource().getId();
    }
    return node(
        e, nodeId, TrustCodec.substrate(p.getSubstrate()), new NodeFact.Failed(p.getErrorCode()));
  }

  private static Optional<NodeEvent> node(
      Event e, String nodeId, Substrate substrate, NodeFact fact) {
    if (nodeId == null || nodeId.isBlank()) {
      throw new UnattributableEventException(
          "The " + e.getEventType() + " event " + e.getEventId() + " names no node.");
    }
    return Optional.of(new NodeEvent(nodeId, substrate, e.getTimestamp(), fact));
  }

  /** The worker writes a failed call's error as {@code <kind>: <message>}. */
  private static boolean timedOut(LlmInvocation call) {
    String error = call.getError();
    return error != null
        && (error.equals(TIMEOUT_ERROR)
            || error.startsWith(TIMEOUT_ERROR + ":")
            || error.startsWith(TIMEOUT_ERROR + " "));
  }

  private static <P> P payload(Event e, Class<P> type) {
    if (!type.isInstance(e.getPayload())) {
      String actual =
          e.getPayload() == null
              ? "no payload"
              : "a " + e.getPayload().getClass().getSimpleName() + " payload";
      throw new UnattributableEventException(
          "The "
              + e.getEventType()
              + " event "
              + e.getEventId()
              + " has "
              + actual
              + ", not "
              + type.getSimpleName()
              + ".");
    }
    return type.cast(e.getPayload());
  }
}
