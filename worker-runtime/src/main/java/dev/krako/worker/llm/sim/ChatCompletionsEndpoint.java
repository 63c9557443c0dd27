package dev.krako.worker.llm.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The simulated pod's one endpoint, and its 404, 405, 413, 401 and 400 answers. */
final class ChatCompletionsEndpoint implements HttpHandler {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedLlmPod.class);
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final SimulatedLlmPod.Script script;
  private final byte[] expectedAuthorization;
  private final Clock clock;
  private final ScheduledExecutorService delays;
  private final AtomicInteger requests = new AtomicInteger();

  ChatCompletionsEndpoint(
      SimulatedLlmPod.Script script, String apiKey, Clock clock, ScheduledExecutorService delays) {
    this.script = script;
    this.expectedAuthorization =
        apiKey == null ? null : ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
    this.clock = clock;
    this.delays = delays;
  }

  int requestCount() {
    return requests.get();
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try {
      exchange.getResponseHeaders().set(SimulatedLlmPod.SIMULATOR_HEADER, "true");
      if (!SimulatedLlmPod.PATH.equals(exchange.getRequestURI().getPath())) {
        send(
            exchange,
            404,
            error("not_found", "the simulated LLM pod serves only " + SimulatedLlmPod.PATH));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        send(exchange, 405, error("method_not_allowed", "use POST"));
        return;
      }
      requests.incrementAndGet();
      if (!authorized(exchange)) {
        LOG.info("The simulated LLM pod refused a request without the expected API key.");
        send(exchange, 401, error("invalid_api_key", "the simulated LLM pod needs its API key"));
        return;
      }
      byte[] body = boundedBody(exchange);
      if (body == null) {
        send(
            exchange,
            413,
            error(
                "request_too_large",
                "the request body exceeds " + SimulatedLlmPod.MAX_REQUEST_BYTES + " bytes"));
        return;
      }
      answer(exchange, body);
    } catch (IOException | RuntimeException e) {
      LOG.warn("The simulated LLM pod could not answer a request: {}", e.toString());
      exchange.close();
    }
  }

  private void answer(HttpExchange exchange, byte[] body) throws IOException {
    SimulatedRequest request;
    try {
      request = SimulatedRequest.parse(body);
    } catch (SimulatedRequest.BadRequest e) {
      send(exchange, 400, error("invalid_request_error", e.getMessage()));
      return;
    }
    SimulatedLlmPod.Reply reply = script.replyFor(request.taskId());
    if (reply instanceof SimulatedLlmPod.Reply.Fail fail) {
      LOG.info(
          "The simulated LLM pod fails {} with HTTP {}, as scripted.",
          request.koraForm() ? "task " + request.taskId() : "a generic prompt",
          fail.httpStatus());
      send(
          exchange,
          fail.httpStatus(),
          error("simulated_failure", "a scripted failure of the simulated LLM pod"));
      return;
    }
    SimulatedAnswer answer = SimulatedAnswer.of(request, reply);
    byte[] response = completion(answer, body).toString().getBytes(StandardCharsets.UTF_8);
    LOG.debug(
        "The simulated LLM pod answers {} with {} prompt and {} completion tokens.",
        request.koraForm() ? "task " + request.taskId() : "a generic prompt",
        answer.promptTokens(),
        answer.completionTokens());
    if (reply instanceof SimulatedLlmPod.Reply.Slow slow) {
      delays.schedule(
          () -> sendLate(exchange, response), slow.delay().toMillis(), TimeUnit.MILLISECONDS);
    } else {
      send(exchange, 200, response);
    }
  }

  private ObjectNode completion(SimulatedAnswer answer, byte[] requestBody) {
    ObjectNode root = JSON.objectNode();
    root.put("id", "chatcmpl-simulated-" + digest(requestBody));
    root.put("object", "chat.completion");
    root.put("created", clock.instant().getEpochSecond());
    root.put("model", SimulatedLlmPod.MODEL);
    root.put("system_fingerprint", "krako-simulator");
    ObjectNode choice = root.putArray("choices").addObject();
    choice.put("index", 0);
    choice.putObject("message").put("role", "assistant").put("content", answer.content());
    choice.put("finish_reason", answer.finishReason());
    root.putObject("usage")
        .put("prompt_tokens", answer.promptTokens())
        .put("completion_tokens", answer.completionTokens())
        .put("total_tokens", answer.promptTokens() + answer.completionTokens());
    return root;
  }

  private boolean authorized(HttpExchange exchange) {
    if (expectedAuthorization == null) {
      return true;
    }
    String given = exchange.getRequestHeaders().getFirst("Authorization");
    return given != null
        && MessageDigest.isEqual(expectedAuthorization, given.getBytes(StandardCharsets.UTF_8));
  }

  /** The body, or null when it is larger than the cap. */
  private static byte[] boundedBody(HttpExchange exchange) throws IOException {
    String declared = exchange.getRequestHeaders().getFirst("Content-Length");
    if (declared != null
        && declared.matches("\\d{1,18}")
        && Long.parseLong(declared) > SimulatedLlmPod.MAX_REQUEST_BYTES) {
      return null;
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(SimulatedLlmPod.MAX_REQUEST_BYTES + 1);
      return body.length > SimulatedLlmPod.MAX_REQUEST_BYTES ? null : body;
    }
  }

  private static byte[] error(String type, String message) {
    ObjectNode root = JSON.objectNode();
    root.putObject("error").put("message", message).put("type", type);
    return root.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static void sendLate(HttpExchange exchange, byte[] body) {
    try {
      send(exchange, 200, body);
    } catch (IOException e) {
      // The client gave up waiting: that is what a slow reply is for.
      LOG.debug("The simulated LLM pod's slow answer found the client gone: {}", e.toString());
      exchange.close();
    }
  }

  private static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static String digest(byte[] body) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(body);
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every JVM has SHA-256.", e);
    }
  }
}
