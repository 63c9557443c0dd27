package dev.krako.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.SessionState;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The caller's sessions of one graph. The session store is keyed by session id, so a graph's
 * sessions may sit in every partition: this instance scans its own active partitions and asks every
 * other instance that has active partitions of the store (from {@code streamsMetadataForStore}) for
 * its part, a forwarded request that instance answers from its partitions alone. The answer is
 * whole or a 503: an instance that does not answer, or a change of the store's placement between
 * the start and the end of the reads, gives 503 and never a partial list.
 */
final class GraphFanOut {

  private final QueryableStore<SessionState> sessions;
  private final Optional<HostInfo> self;
  private final Forwarder forwarder;

  GraphFanOut(QueryableStore<SessionState> sessions, Optional<HostInfo> self, Forwarder forwarder) {
    this.sessions = sessions;
    this.self = self;
    this.forwarder = forwarder;
  }

  Reply answer(Call call) {
    String graphId = call.param("graph");
    Predicate<SessionState> wanted =
        s -> s.getGraph().getGraphId().equals(graphId) && call.mayRead(s.getGraph().getTenantId());
    if (call.request().forwarded()) {
      // This instance's part of another instance's fan-out: 200 even when it has none.
      return Reply.ok(listing(graphId, "instance", local(wanted).values()));
    }
    if (self.isEmpty()) {
      return whole(graphId, local(wanted).values()); // the only instance: its partitions are all
    }
    Map<HostInfo, Set<TopicPartition>> before = sessions.activePlacement();
    if (before.isEmpty()) {
      return Reply.unavailable("the session store's placement is not known yet (rebalancing)");
    }
    Map<String, JsonNode> found = new TreeMap<>();
    for (HostInfo host : before.keySet()) {
      Optional<Reply> failure = collect(host, call, wanted, found);
      if (failure.isPresent()) {
        return failure.get();
      }
    }
    if (!before.equals(sessions.activePlacement())) {
      return Reply.unavailable("the session store moved between instances while it was read");
    }
    return whole(graphId, found.values());
  }

  /** Adds one instance's sessions to {@code found}; the reply to give instead when it fails. */
  private Optional<Reply> collect(
      HostInfo host, Call call, Predicate<SessionState> wanted, Map<String, JsonNode> found) {
    if (self.get().equals(host)) {
      found.putAll(local(wanted));
      return Optional.empty();
    }
    Reply part = forwarder.forward(host, call.request());
    if (part.status() == 503) {
      return Optional.of(part);
    }
    if (part.status() != 200) {
      return Optional.of(
          Reply.error(502, "the instance " + host + " answered " + part.status(), Map.of()));
    }
    try {
      for (JsonNode session : Reply.JSON.readTree(part.body()).path("sessions")) {
        found.put(session.path("session_id").asText(), session);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(
          Reply.error(502, "the instance " + host + " answered with no JSON", Map.of()));
    }
  }

  private Map<String, JsonNode> local(Predicate<SessionState> wanted) {
    Map<String, JsonNode> views = new TreeMap<>();
    for (SessionState state : sessions.scan(wanted)) {
      views.put(state.getSessionId(), SessionView.of(state));
    }
    return views;
  }

  /** The complete answer: 404 when the caller has no session of the graph. */
  private static Reply whole(String graphId, Collection<JsonNode> sessions) {
    return sessions.isEmpty()
        ? Reply.notFound("no session of graph " + graphId)
        : Reply.ok(listing(graphId, "all", sessions));
  }

  private static ObjectNode listing(String graphId, String scope, Collection<JsonNode> sessions) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("graph_id", graphId);
    body.put("scope", scope);
    body.putArray("sessions").addAll(sessions);
    return body;
  }
}
