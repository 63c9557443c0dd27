package dev.krako.topology.trust;

import dev.krako.avro.Event;
import dev.krako.avro.NodeTrust;
import dev.krako.trust.NodeEvent;
import dev.krako.trust.NodeTrustState;
import dev.krako.trust.UnattributableEventException;

/**
 * Adds one (deduplicated) event to a node's totals, pure in {@link NodeTrustState#observe}: the
 * fold of each partition of krako.events (ADR 031). A node without totals yet (null) starts as
 * unheard of; the node's first event opens its trust.
 */
final class TrustFold {

  private TrustFold() {}

  static NodeTrust add(String nodeId, Event event, NodeTrust trust) {
    // Only events about a node are keyed by node: anything else here is a bug, and goes to the
    // dead-letter topic rather than into a node's trust.
    NodeEvent about =
        NodeEvents.about(event, nodeId)
            .orElseThrow(
                () ->
                    new UnattributableEventException(
                        "The "
                            + event.getEventType()
                            + " event "
                            + event.getEventId()
                            + " is not about a node."));
    NodeTrustState before =
        trust == null ? NodeTrustState.unheardOf(nodeId) : TrustCodec.toDomain(trust);
    return TrustCodec.toAvro(before.observe(about));
  }
}
