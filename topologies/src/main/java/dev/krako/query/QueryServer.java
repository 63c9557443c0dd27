package dev.krako.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.krako.avro.SessionState;
import dev.krako.topology.orchestration.OrchestrationNames;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session query endpoint over interactive queries of the orchestration store, bound to a local
 * address. {@code GET /v1/health}, {@code GET /v1/sessions/{session id}}, {@code GET
 * /v1/graphs/{graph id}} (every session of that graph). While the store is rebalancing the answer
 * is 503 with Retry-After, never a wrong answer.
 *
 * <p>This first version answers from the local instance's partitions only, and has no
 * authentication: it is the dev mode's window and binds to loopback. Routing to the owning instance
 * and tenant-scoped credentials come with the full query API.
 */
public final class QueryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final KafkaStreams orchestration;

  private QueryServer(HttpServer server, KafkaStreams orchestration) {
    this.server = server;
    this.orchestration = orchestration;
  }

  /** Starts the endpoint on {@code host:port} (port 0 picks a free one). */
  public static QueryServer start(String host, int port, KafkaStreams orchestration)
      throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
    QueryServer query = new QueryServer(server, orchestration);
    server.createContext("/v1/", query::handle);
    server.start();
    LOG.info("The query endpoint listens on http://{}:{}/v1/.", host, query.port());
    return query;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"GET".equals(exchange.getRequestMethod())) {
        reply(exchange, 405, error("only GET is supported"));
        return;
      }
      String[] parts = exchange.getRequestURI().getPath().split("/");
      if (parts.length == 3 && parts[2].equals("health")) {
        reply(
            exchange, 200, JSON.createObjectNode().put("status", orchestration.state().toString()));
      } else if (parts.length == 4 && parts[2].equals("sessions")) {
        session(exchange, parts[3]);
      } else if (parts.length == 4 && parts[2].equals("graphs")) {
        graph(exchange, parts[3]);
      } else {
        reply(exchange, 404, error("no such resource; try /v1/sessions/{id} or /v1/graphs/{id}"));
      }
    } catch (InvalidStateStoreException e) {
      exchange.getResponseHeaders().add("Retry-After", "1");
      reply(
          exchange,
          503,
          error("the session store is not available yet (rebalancing); retry shortly"));
    }
  }

  private void session(HttpExchange exchange, String sessionId) throws IOException {
    SessionState state = store().get(sessionId);
    if (state == null) {
      reply(exchange, 404, error("no session " + sessionId));
      return;
    }
    reply(exchange, 200, SessionView.of(state, JSON));
  }

  private void graph(HttpExchange exchange, String graphId) throws IOException {
    ArrayNode sessions = JSON.createArrayNode();
    try (KeyValueIterator<String, SessionState> it = store().all()) {
      while (it.hasNext()) {
        KeyValue<String, SessionState> entry = it.next();
        if (entry.value.getGraph().getGraphId().equals(graphId)) {
          sessions.add(SessionView.of(entry.value, JSON));
        }
      }
    }
    if (sessions.isEmpty()) {
      reply(exchange, 404, error("no session of graph " + graphId));
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    body.put("graph_id", graphId);
    body.set("sessions", sessions);
    reply(exchange, 200, body);
  }

  private ReadOnlyKeyValueStore<String, SessionState> store() {
    return orchestration.store(
        StoreQueryParameters.fromNameAndType(
            OrchestrationNames.SESSIONS_STORE,
            QueryableStoreTypes.<String, SessionState>keyValueStore()));
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void reply(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
