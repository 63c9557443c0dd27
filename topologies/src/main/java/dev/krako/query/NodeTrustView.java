package dev.krako.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.NodeTrust;

/**
 * The JSON of one node's trust record, as the trust topology folded it (docs/trust.md). The score
 * stays a decimal string of scale 4, as computed, never a JSON number a client would round.
 */
final class NodeTrustView {

  private NodeTrustView() {}

  static ObjectNode of(NodeTrust t) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("node_id", t.getNodeId());
    node.put("substrate", t.getSubstrate().name());
    node.put("score", t.getScore());
    node.put("score_version", t.getScoreVersion());
    node.put("health", t.getHealth().name());
    node.put("health_time", t.getHealthTime() == null ? null : t.getHealthTime().toString());
    node.put("claimed", t.getClaimed());
    node.put("completed", t.getCompleted());
    node.put("failed", t.getFailed());
    node.put("verification_failures", t.getVerificationFailures());
    node.put("graph_faults", t.getGraphFaults());
    node.put("timeouts", t.getTimeouts());
    node.put("last_event_time", t.getLastEventTime().toString());
    return node;
  }
}
