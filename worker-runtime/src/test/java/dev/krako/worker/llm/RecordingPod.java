package dev.krako.worker.llm;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test stand-in for a pod that answers every request with one fixed status and body, and records
 * what it was sent: for the client's handling of answers the simulator never gives.
 */
final class RecordingPod implements AutoCloseable {

  /** One request as the pod saw it. */
  record Received(String method, String path, Map<String, List<String>> headers, String body) {

    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst()
          .orElse(null);
    }
  }

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final int status;
  private final String body;

  private RecordingPod(int status, String body) {
    this.status = status;
    this.body = body;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  static RecordingPod answering(int status, String body) {
    return new RecordingPod(status, body);
  }

  /** A well-formed chat completion with this content and usage. */
  static RecordingPod completing(String content, long promptTokens, long completionTokens) {
    String json =
        "{\"model\":\"recorded-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\","
            + "\"content\":"
            + com.fasterxml.jackson.databind.node.TextNode.valueOf(content)
            + "},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":"
            + promptTokens
            + ",\"completion_tokens\":"
            + completionTokens
            + "}}";
    return new RecordingPod(200, json);
  }

  URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  List<Received> received() {
    return List.copyOf(received);
  }

  Received last() {
    return received.get(received.size() - 1);
  }

  private void handle(com.sun.net.httpserver.HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      received.add(
          new Received(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              Map.copyOf(exchange.getRequestHeaders()),
              new String(in.readAllBytes(), StandardCharsets.UTF_8)));
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
