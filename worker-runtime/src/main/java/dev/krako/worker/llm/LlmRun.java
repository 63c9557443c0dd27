package dev.krako.worker.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * An {@code llm} unit's {@code run}, read from either of its two forms:
 *
 * <ul>
 *   <li>1.x: {@code {tier, model?, prompt | messages, max_tokens?}}. With both, the messages come
 *       first and the prompt is the last user message.
 *   <li>KORA Task IR 0.1, as mapped at ingress: {@code {tier, adapter, input, adaptive?}}. As
 *       KORA's adapters do, the model gets the task id and the input: one user message {@code
 *       {"task_id": <unit id>, "input": <input>}}. {@code adaptive} is not executed
 *       (docs/kora-0.1-mapping.md).
 * </ul>
 *
 * @param model the model the unit names, or null to use the tier's
 * @param messages the unit's own messages, without Krako's system message
 * @param maxTokens the unit's {@code max_tokens}, or null
 */
record LlmRun(String tier, String model, List<ChatMessage> messages, Long maxTokens) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads the run of unit {@code unitId}; throws {@link Invalid} with a reason for people. */
  static LlmRun read(String runJson, String unitId) throws Invalid {
    JsonNode run;
    try {
      run = runJson == null ? null : JSON.readTree(runJson);
    } catch (IOException e) {
      throw new Invalid("the unit's run is not JSON");
    }
    if (run == null || !run.isObject()) {
      throw new Invalid("the unit's run is not a JSON object");
    }
    String tier = run.path("tier").asText("");
    if (!LlmPodSettings.TIERS.contains(tier)) {
      throw new Invalid("run.tier must be small, medium or large, not " + run.path("tier"));
    }
    JsonNode model = run.path("model");
    if (!model.isMissingNode() && !model.isNull() && !model.isTextual()) {
      throw new Invalid("run.model must be a string");
    }
    String modelName = model.isTextual() && !model.asText().isBlank() ? model.asText() : null;
    return new LlmRun(tier, modelName, messages(run, unitId), maxTokens(run));
  }

  private static List<ChatMessage> messages(JsonNode run, String unitId) throws Invalid {
    List<ChatMessage> messages = new ArrayList<>();
    if (run.hasNonNull("messages")) {
      if (!run.get("messages").isArray()) {
        throw new Invalid("run.messages must be an array");
      }
      for (JsonNode m : run.get("messages")) {
        if (!m.path("role").isTextual() || !m.path("content").isTextual()) {
          throw new Invalid("each of run.messages needs a string role and a string content");
        }
        messages.add(new ChatMessage(m.get("role").asText(), m.get("content").asText()));
      }
    }
    if (run.hasNonNull("prompt")) {
      if (!run.get("prompt").isTextual()) {
        throw new Invalid("run.prompt must be a string");
      }
      messages.add(ChatMessage.user(run.get("prompt").asText()));
    }
    if (messages.isEmpty() && run.path("input").isObject()) {
      ObjectNode task = JSON.createObjectNode();
      task.put("task_id", unitId);
      task.set("input", run.get("input"));
      messages.add(ChatMessage.user(task.toString()));
    }
    if (messages.isEmpty()) {
      throw new Invalid("the run has no prompt, no messages and no input for the model");
    }
    return messages;
  }

  private static Long maxTokens(JsonNode run) throws Invalid {
    JsonNode max = run.path("max_tokens");
    if (max.isMissingNode() || max.isNull()) {
      return null;
    }
    if (!max.isIntegralNumber() || !max.canConvertToLong() || max.asLong() < 0) {
      throw new Invalid("run.max_tokens must be a count");
    }
    return max.asLong();
  }

  /** A run this executor cannot turn into a model call. */
  static final class Invalid extends Exception {

    Invalid(String message) {
      super(message, null, false, false);
    }
  }
}
