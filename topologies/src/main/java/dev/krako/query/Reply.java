package dev.krako.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One answer of the query API: a status, a JSON body and the headers that go with the status. A
 * reply forwarded from another instance keeps that instance's body bytes.
 */
record Reply(int status, byte[] body, Map<String, String> headers) {

  static final ObjectMapper JSON = new ObjectMapper();

  Reply {
    headers = Map.copyOf(headers);
  }

  static Reply ok(JsonNode body) {
    return json(200, body, Map.of());
  }

  static Reply notFound(String message) {
    return error(404, message, Map.of());
  }

  /** A parameter the route cannot take; the message says which and what it should be. */
  static Reply badRequest(String message) {
    return error(400, message, Map.of());
  }

  /** No key, or an unknown one. */
  static Reply unauthorized() {
    return error(
        401,
        "send a valid API key as Authorization: Bearer <key>",
        Map.of("WWW-Authenticate", "Bearer realm=\"krako\""));
  }

  /** A valid key asking for another tenant's data. */
  static Reply forbidden(String message) {
    return error(403, message, Map.of());
  }

  static Reply methodNotAllowed() {
    return error(405, "only GET is supported", Map.of("Allow", "GET"));
  }

  /** The store cannot answer right now (rebalancing, restoring, owner unreachable): never guess. */
  static Reply unavailable(String message) {
    return error(503, message + "; retry shortly", Map.of("Retry-After", "1"));
  }

  static Reply error(int status, String message, Map<String, String> headers) {
    return json(status, JsonNodeFactory.instance.objectNode().put("error", message), headers);
  }

  private static Reply json(int status, JsonNode body, Map<String, String> headers) {
    try {
      return new Reply(
          status, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body), headers);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serializes.", e);
    }
  }

  String text() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
