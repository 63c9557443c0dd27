package dev.krako.topology.trust;

import dev.krako.avro.Event;
import dev.krako.avro.LlmInvocation;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.avro.ReplicaVote;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.events.EventTypes;
import dev.krako.trust.Health;
import dev.krako.trust.NodeEvent;
import dev.krako.trust.NodeFact;
import dev.krako.trust.Substrate;
import dev.krako.trust.UnattributableEventException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads what an event of the log tells about a node, if anything: the workers' claims, outcomes and
 * failed model calls, {@code node.health.updated}, and the votes of the orchestrator's verdicts on
 * verified attempts (one per judged node). The node is the payload's {@code node_id}; a {@code
 * workunit.failed} without one belongs to its source when a worker wrote it. Every other event —
 * the orchestrator's, ingress's — says nothing about a node. An event of a node type whose payload
 * does not match, or that names no node, throws an {@link UnattributableEventException}, which
 * sends it to the dead-letter topic.
 */
final class NodeEvents {

  static final String WORKER = "worker";

  /**
   * The types that can tell about a node (a verdict is a completion or failure); trust decodes no
   * other event (EventsOfTypes).
   */
  static final Set<String> TYPES =
      Set.of(
          EventTypes.UNIT_CLAIMED,
          EventTypes.UNIT_COMPLETED,
          EventTypes.UNIT_FAILED,
          EventTypes.LLM_FAILED,
          EventTypes.NODE_HEALTH_UPDATED);

  /** The kind of a failed model call that ran out of time (the worker's ChatFailure kind). */
  static final String TIMEOUT_ERROR = "TIMEOUT";

  private NodeEvents() {}

  /** The error of a replica that found no node outside its exclude list: no node's fault. */
  static final String NO_DISTINCT_NODE = "NO_DISTINCT_NODE";

  /**
   * What the event tells about nodes: nothing, one node's fact, or — for the orchestrator's verdict
   * on a verified attempt — one vote per replica that agreed with or lost to the majority.
   */
  static List<NodeEvent> of(Event e) {
    if (e.getVerification() != null) {
      return votes(e);
    }
    return single(e).map(List::of).orElse(List.of());
  }

  /** What the event tells about this node (one of those {@link #of} names), if anything. */
  static Optional<NodeEvent> about(Event e, String nodeId) {
    return of(e).stream().filter(n -> n.nodeId().equals(nodeId)).findFirst();
  }

  /**
   * The id under which the event counts for this node: its event id, and for a verdict, which
   * counts once for each node it judges, the event id and the node.
   */
  static String countedId(Event e, String nodeId) {
    return e.getVerification() == null ? e.getEventId() : e.getEventId() + "|" + nodeId;
  }

  private static List<NodeEvent> votes(Event e) {
    dev.krako.avro.Substrate substrate =
        e.getPayload() instanceof WorkUnitCompleted c
            ? c.getSubstrate()
            : payload(e, WorkUnitFailed.class).getSubstrate();
    List<NodeEvent> votes = new ArrayList<>();
    for (ReplicaVote vote : e.getVerification().getReplicas()) {
      NodeFact fact =
          switch (vote.getVote()) {
            case "agreed" -> new NodeFact.Agreed();
            case "disagreed" -> new NodeFact.Disagreed();
            default -> null; // unresolved or failed: nothing more to tell about the node
          };
      if (fact != null && vote.getNodeId() != null) {
        node(e, vote.getNodeId(), TrustCodec.substrate(substrate), fact).ifPresent(votes::add);
      }
    }
    return votes;
  }

  private static Optional<NodeEvent> single(Event e) {
    return switch (e.getEventType()) {
      case EventTypes.UNIT_CLAIMED -> {
        WorkUnitClaimed p = payload(e, WorkUnitClaimed.class);
        yield node(
            e, p.getNodeId(), TrustCodec.substrate(p.getSubstrate()), new NodeFact.Claimed());
      }
      case EventTypes.UNIT_COMPLETED -> {
        WorkUnitCompleted p = payload(e, WorkUnitCompleted.class);
        yield node(
            e, p.getNodeId(), TrustCodec.substrate(p.getSubstrate()), new NodeFact.Completed());
      }
      case EventTypes.UNIT_FAILED -> failed(e);
      case EventTypes.LLM_FAILED -> {
        LlmInvocation p = payload(e, LlmInvocation.class);
        yield node(e, p.getNodeId(), Substrate.LLM_POD, new NodeFact.ModelCallFailed(timedOut(p)));
      }
      case EventTypes.NODE_HEALTH_UPDATED -> health(e);
      // workunit.started, llm.invocation.started and .completed change no counter: the same node's
      // claim (written in the same transaction as the start) and outcome carry its substrate and
      // time, so they are dropped before the dedupe and cost trust nothing (ADR 019).
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
    if (e.getReplicaIndex() != null && NO_DISTINCT_NODE.equals(p.getErrorCode())) {
      return Optional.empty(); // the pool was too small: no node is to blame
    }
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
