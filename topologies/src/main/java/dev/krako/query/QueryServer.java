package dev.krako.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The query API's HTTP endpoint, on the JDK's built-in server (docs/query-api.md). It starts in two
 * steps so that a free port (port 0) can be advertised: {@link #bind} takes the port, the Streams
 * applications start with {@code application.server} set to it, then {@link #serve} answers.
 * Requests that arrive in between wait in the listen backlog.
 *
 * <p>A deployed process ({@code krako serve}) also answers its probes and its metrics here
 * (docs/operations-processes.md): {@code /v1/ready} and {@code /metrics}, given by {@link
 * #operations}; a process without the query API answers {@code /v1/health} itself ({@link
 * #serveWithoutQueries}).
 */
public final class QueryServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(QueryServer.class);

  /** Enough threads that a fan-out waiting on a peer never starves that peer's own fan-out. */
  private static final int THREADS = 8;

  private final HttpServer server;
  private final ExecutorService threads;
  private volatile QueryApi api;

  private QueryServer(HttpServer server) {
    this.server = server;
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newFixedThreadPool(
            THREADS,
            task -> {
              Thread thread = new Thread(task, "krako-query-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Binds {@code host:port} (port 0 picks a free one) without answering yet. */
  public static QueryServer bind(String host, int port) throws IOException {
    QueryServer query = new QueryServer(HttpServer.create(new InetSocketAddress(host, port), 0));
    query.server.setExecutor(query.threads);
    return query;
  }

  /**
   * Starts answering.
   *
   * @param keys the API keys; with none, every route but {@code /v1/health} answers 401
   * @param self this instance's {@code application.server}, exactly as the Streams applications
   *     advertise it; empty when this instance runs alone (no {@code application.server})
   */
  public void serve(ApiKeys keys, Optional<HostInfo> self, QueryStores stores) {
    serve(QueryApi.of(keys, stores, self, new HttpForwarder()));
    LOG.info(
        "The query API listens on http://{}:{}/v1/ with {} API keys{}.",
        server.getAddress().getHostString(),
        port(),
        keys.size(),
        self.map(s -> ", advertised as " + s.host() + ":" + s.port()).orElse(", alone"));
  }

  void serve(QueryApi answering) {
    if (api != null) {
      throw new IllegalStateException("The query API is already served.");
    }
    api = answering;
    server.createContext("/", this::handle);
    server.start();
  }

  /**
   * Adds the probe and metrics routes; call it before {@link #serve} or {@link
   * #serveWithoutQueries}.
   *
   * @param components whether each component of the process runs, by name: {@code /v1/ready}
   *     answers 200 when all do, else 503, with the map as its body
   * @param prometheusText the metrics in the Prometheus text format (0.0.4), for {@code /metrics}
   */
  public void operations(
      Supplier<Map<String, Boolean>> components, Supplier<String> prometheusText) {
    server.createContext(
        "/v1/ready",
        exchange -> {
          Map<String, Boolean> running = new TreeMap<>(components.get());
          boolean ready = running.values().stream().allMatch(Boolean::booleanValue);
          ObjectNode body = JsonNodeFactory.instance.objectNode().put("ready", ready);
          ObjectNode each = body.putObject("components");
          running.forEach(each::put);
          send(exchange, ready ? 200 : 503, "application/json", Reply.JSON.writeValueAsBytes(body));
        });
    server.createContext(
        "/metrics",
        exchange ->
            send(
                exchange,
                200,
                "text/plain; version=0.0.4; charset=utf-8",
                prometheusText.get().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Starts answering a process that runs no query API: {@code /v1/health} says the process is up
   * (liveness), every other path but the {@link #operations} routes is 404.
   */
  public void serveWithoutQueries() {
    byte[] up = "{\"status\":\"UP\"}".getBytes(StandardCharsets.UTF_8);
    byte[] none = "{\"error\":\"no query API in this process\"}".getBytes(StandardCharsets.UTF_8);
    server.createContext("/v1/health", exchange -> send(exchange, 200, "application/json", up));
    server.createContext("/", exchange -> send(exchange, 404, "application/json", none));
    server.start();
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body)
      throws IOException {
    try (exchange) {
      exchange.getResponseHeaders().set("Content-Type", type);
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(status, -1);
        return;
      }
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      Reply reply;
      try {
        reply = api.answer(request(exchange));
      } catch (RuntimeException e) {
        LOG.error("The query API failed on {}.", exchange.getRequestURI().getRawPath(), e);
        reply = Reply.error(500, "internal error", Map.of());
      }
      reply.headers().forEach(exchange.getResponseHeaders()::set);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if ("HEAD".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(reply.status(), -1); // a HEAD answer has no body
        return;
      }
      exchange.sendResponseHeaders(reply.status(), reply.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(reply.body());
      }
    }
  }

  private static QueryRequest request(HttpExchange exchange) {
    return new QueryRequest(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders().get("Authorization"),
        exchange.getRequestHeaders().containsKey(QueryRequest.FORWARDED_HEADER));
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
