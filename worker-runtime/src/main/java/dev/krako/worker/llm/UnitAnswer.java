package dev.krako.worker.llm;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Turns a model's reply into a unit's output, a JSON object: the reply itself when it is exactly
 * one JSON object (a single surrounding Markdown code fence, which models add despite being told
 * not to, is removed first); otherwise {@code {"status": "ok", "task_id": <unit id>, "answer":
 * <reply text>}}, the shape of KORA's adapter answers.
 */
final class UnitAnswer {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .build();

  private UnitAnswer() {}

  static String output(String content, String unitId) {
    JsonNode parsed = parse(unfenced(content));
    if (parsed != null && parsed.isObject()) {
      return parsed.toString();
    }
    ObjectNode wrapped = JSON.createObjectNode();
    wrapped.put("status", "ok");
    wrapped.put("task_id", unitId);
    wrapped.put("answer", content);
    return wrapped.toString();
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      return null;
    }
  }

  /** {@code ```json\n{...}\n```} → {@code {...}}; anything else unchanged. */
  static String unfenced(String content) {
    String text = content.strip();
    if (!text.startsWith("```") || !text.endsWith("```") || text.length() < 6) {
      return text;
    }
    int firstLineEnd = text.indexOf('\n');
    if (firstLineEnd < 0) {
      return text;
    }
    return text.substring(firstLineEnd + 1, text.length() - 3).strip();
  }
}
