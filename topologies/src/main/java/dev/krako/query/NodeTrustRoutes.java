package dev.krako.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.NodeTrust;
import java.util.Collection;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Node trust, for operators: one node's record (a key read of {@code trust-nodes}, routed to its
 * owner) and every node's (a fan-out over the instances, whole or 503). Node trust is no tenant's
 * data, so only an operator key reaches these routes (checked by {@link QueryApi}).
 */
final class NodeTrustRoutes {

  private final QueryableStore<NodeTrust> nodes;
  private final KeyRouter router;
  private final StoreFanOut<NodeTrust> fanOut;

  NodeTrustRoutes(
      QueryableStore<NodeTrust> nodes,
      KeyRouter router,
      Optional<HostInfo> self,
      Forwarder forwarder) {
    this.nodes = nodes;
    this.router = router;
    this.fanOut =
        new StoreFanOut<>(
            nodes, new StoreFanOut.Shape<>("nodes", "node_id", NodeTrustView::of), self, forwarder);
  }

  Reply node(Call call) {
    String nodeId = call.param("node");
    return router.read(
        nodes,
        nodeId,
        call,
        trust ->
            trust == null
                ? Reply.notFound("no event of node " + nodeId + " yet")
                : Reply.ok(NodeTrustView.of(trust)));
  }

  /** Every node, in node id order; an empty fleet is an empty list, not a 404. */
  Reply all(Call call) {
    if (call.request().forwarded()) {
      return Reply.ok(listing("instance", fanOut.local(t -> true).values()));
    }
    StoreFanOut.Gathered all = fanOut.all(call, t -> true);
    return all.failure().orElseGet(() -> Reply.ok(listing("all", all.found().values())));
  }

  private static ObjectNode listing(String scope, Collection<JsonNode> nodes) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("scope", scope);
    body.putArray("nodes").addAll(nodes);
    return body;
  }
}
