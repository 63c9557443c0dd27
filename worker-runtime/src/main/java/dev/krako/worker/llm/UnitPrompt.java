package dev.krako.worker.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.worker.execution.UnitTask;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an {@code llm} unit into the chat request Krako sends: a system message that states the
 * task (one Krako work unit, answered by exactly one JSON object, matching the output schema when
 * the unit has one), then the unit's own messages; {@code max_tokens} is the smaller of the unit's
 * {@code max_tokens} and the attempt's token grant.
 */
final class UnitPrompt {

  static final String INSTRUCTIONS =
      "You execute one work unit of a Krako task graph. Reply with exactly one JSON object and"
          + " nothing else: no prose before or after it, no code fences.";

  private static final ObjectMapper JSON = new ObjectMapper();

  private UnitPrompt() {}

  static ChatRequest request(UnitTask task, LlmRun run, LlmPodSettings settings)
      throws LlmRun.Invalid {
    List<ChatMessage> messages = new ArrayList<>();
    messages.add(ChatMessage.system(instructions(task.outputSchemaJson())));
    messages.addAll(run.messages());
    String model = run.model() != null ? run.model() : settings.modelFor(run.tier());
    return new ChatRequest(model, messages, maxTokens(run.maxTokens(), task.tokenGrant()));
  }

  private static String instructions(String outputSchemaJson) {
    JsonNode schema = schema(outputSchemaJson);
    if (schema == null) {
      return INSTRUCTIONS;
    }
    return INSTRUCTIONS + " The object must match this JSON Schema: " + schema;
  }

  /**
   * The schema worth showing the model: null when there is none or it says nothing ({@code {}}).
   */
  private static JsonNode schema(String outputSchemaJson) {
    if (outputSchemaJson == null || outputSchemaJson.isBlank()) {
      return null;
    }
    try {
      JsonNode schema = JSON.readTree(outputSchemaJson);
      return schema != null && schema.isObject() && !schema.isEmpty() ? schema : null;
    } catch (IOException e) {
      return null; // the verifier reports an unreadable schema; the call needs none
    }
  }

  private static Integer maxTokens(Long runMax, Long grant) throws LlmRun.Invalid {
    if (runMax == null && grant == null) {
      return null;
    }
    long max = runMax == null ? grant : grant == null ? runMax : Math.min(runMax, grant);
    if (max < 1) {
      throw new LlmRun.Invalid(
          "the attempt may produce no tokens (max_tokens or token grant 0): no model call was made");
    }
    return (int) Math.min(Integer.MAX_VALUE, max);
  }
}
