package dev.krako.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.SessionState;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The caller's sessions of one graph. The session store is keyed by session id, so a graph's
 * sessions may sit in every partition: the listing fans out over every instance ({@link
 * StoreFanOut}), and is whole or a 503.
 */
final class GraphFanOut {

  private final StoreFanOut<SessionState> sessions;

  GraphFanOut(QueryableStore<SessionState> sessions, Optional<HostInfo> self, Forwarder forwarder) {
    this.sessions =
        new StoreFanOut<>(
            sessions,
            new StoreFanOut.Shape<>("sessions", "session_id", SessionView::of),
            self,
            forwarder);
  }

  Reply answer(Call call) {
    String graphId = call.param("graph");
    Predicate<SessionState> wanted =
        s -> s.getGraph().getGraphId().equals(graphId) && call.mayRead(s.getGraph().getTenantId());
    if (call.request().forwarded()) {
      // This instance's part of another instance's fan-out: 200 even when it has none.
      return Reply.ok(listing(graphId, "instance", sessions.local(wanted).values()));
    }
    StoreFanOut.Gathered all = sessions.all(call, wanted);
    if (all.failure().isPresent()) {
      return all.failure().get();
    }
    return all.found().isEmpty()
        ? Reply.notFound("no session of graph " + graphId)
        : Reply.ok(listing(graphId, "all", all.found().values()));
  }

  private static ObjectNode listing(String graphId, String scope, Collection<JsonNode> sessions) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("graph_id", graphId);
    body.put("scope", scope);
    body.putArray("sessions").addAll(sessions);
    return body;
  }
}
