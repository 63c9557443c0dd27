package dev.krako.worker.llm.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What the simulated pod reads from a chat completion request.
 *
 * @param prompt the content of the last user message
 * @param maxTokens {@code max_tokens} (or {@code max_completion_tokens}), or null
 * @param taskId the {@code task_id} of a KORA-form prompt, else null
 * @param question the {@code input.question} of a KORA-form prompt, else null
 */
record SimulatedRequest(String prompt, Integer maxTokens, String taskId, String question) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** True when the prompt is {@code {"task_id": "...", "input": {"question": "..."}}}. */
  boolean koraForm() {
    return taskId != null && question != null;
  }

  static SimulatedRequest parse(byte[] body) throws BadRequest {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (IOException e) {
      throw new BadRequest("the request body is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new BadRequest("the request body is not a JSON object");
    }
    JsonNode messages = root.path("messages");
    if (!messages.isArray() || messages.isEmpty()) {
      throw new BadRequest("messages must be a non-empty array");
    }
    String prompt = null;
    for (JsonNode m : messages) {
      if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
        throw new BadRequest("each message needs a string role and a string content");
      }
      if ("user".equals(m.get("role").asText())) {
        prompt = m.get("content").asText();
      }
    }
    if (prompt == null) {
      throw new BadRequest("the request has no user message");
    }
    Integer maxTokens = maxTokens(root);
    JsonNode task = koraTask(prompt);
    boolean kora =
        task != null && task.path("task_id").isTextual() && task.at("/input/question").isTextual();
    return kora
        ? new SimulatedRequest(
            prompt, maxTokens, task.get("task_id").asText(), task.at("/input/question").asText())
        : new SimulatedRequest(prompt, maxTokens, null, null);
  }

  private static Integer maxTokens(JsonNode root) throws BadRequest {
    JsonNode max =
        root.hasNonNull("max_tokens") ? root.get("max_tokens") : root.path("max_completion_tokens");
    if (max.isMissingNode() || max.isNull()) {
      return null;
    }
    if (!max.isIntegralNumber() || !max.canConvertToInt() || max.asInt() < 1) {
      throw new BadRequest("max_tokens must be an integer of at least 1");
    }
    return max.asInt();
  }

  private static JsonNode koraTask(String prompt) {
    try {
      JsonNode task = JSON.readTree(prompt);
      return task != null && task.isObject() ? task : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** A request the simulated pod answers with 400. */
  static final class BadRequest extends Exception {

    BadRequest(String message) {
      super(message, null, false, false);
    }
  }
}
