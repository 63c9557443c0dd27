package dev.krako.worker.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The OpenAI chat completions wire format, as far as Krako uses it. */
final class ChatWire {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT_CODE_POINTS = 200;

  private ChatWire() {}

  /** {@code {model, messages, max_tokens?, temperature: 0}}. */
  static byte[] requestBody(ChatRequest request) {
    ObjectNode body = JSON.createObjectNode();
    body.put("model", request.model());
    ArrayNode messages = body.putArray("messages");
    for (ChatMessage m : request.messages()) {
      messages.addObject().put("role", m.role()).put("content", m.content());
    }
    if (request.maxTokens() != null) {
      body.put("max_tokens", request.maxTokens());
    }
    body.put("temperature", 0);
    try {
      return JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A tree of strings and numbers always serializes.", e);
    }
  }

  /**
   * Reads {@code choices[0].message.content}, {@code usage} and {@code model} of a 2xx answer.
   *
   * @throws InvalidResponse when the body is not such an answer
   */
  static ChatResponse response(byte[] body, String requestedModel) throws InvalidResponse {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new InvalidResponse("the answer is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidResponse("the answer is not a JSON object");
    }
    JsonNode choice = root.path("choices").path(0);
    JsonNode content = choice.path("message").path("content");
    if (!content.isTextual()) {
      throw new InvalidResponse("the answer has no text at choices[0].message.content");
    }
    JsonNode model = root.path("model");
    JsonNode finish = choice.path("finish_reason");
    return new ChatResponse(
        content.asText(),
        model.isTextual() && !model.asText().isBlank() ? model.asText() : requestedModel,
        tokens(root, "prompt_tokens"),
        tokens(root, "completion_tokens"),
        finish.isTextual() ? finish.asText() : null);
  }

  /** A short, one-line description of an error answer: its {@code error.message}, else its text. */
  static String errorExcerpt(byte[] body) {
    String text;
    try {
      JsonNode message = JSON.readTree(body).path("error").path("message");
      text = message.isTextual() ? message.asText() : new String(body, StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      text = new String(body, StandardCharsets.UTF_8);
    }
    String line = text.replaceAll("\\s+", " ").strip();
    if (line.codePointCount(0, line.length()) <= EXCERPT_CODE_POINTS) {
      return line.isEmpty() ? "(no body)" : line;
    }
    return line.substring(0, line.offsetByCodePoints(0, EXCERPT_CODE_POINTS)) + "…";
  }

  private static long tokens(JsonNode root, String field) throws InvalidResponse {
    JsonNode value = root.path("usage").path(field);
    if (value.isMissingNode() || value.isNull()) {
      return 0; // some servers omit usage; the call is still an answer
    }
    if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 0) {
      throw new InvalidResponse("usage." + field + " is not a count");
    }
    return value.asLong();
  }

  /** A 2xx answer that is not a chat completion. */
  static final class InvalidResponse extends Exception {

    InvalidResponse(String message) {
      super(message, null, false, false);
    }
  }
}
