package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Set;

/**
 * Checks the shape of a unit's {@code run}: {@code {handler, args?}} for the CPU types; {@code
 * {tier, model?, prompt | messages, max_tokens?}} for {@code llm} (CONTRACT.md section 3).
 */
final class RunSpecCheck {

  private static final Set<String> TIERS = Set.of("small", "medium", "large");

  private RunSpecCheck() {}

  static void check(UnitType type, JsonNode run, String path, Fields fields) {
    if (type == UnitType.LLM) {
      checkModel(run, path, fields);
    } else {
      fields
          .requiredText(run, "handler", path)
          .filter(String::isBlank)
          .ifPresent(
              h -> fields.add(ViolationCode.WRONG_TYPE, path + ".handler", "must not be empty"));
      fields.optionalObject(run, "args", path);
    }
  }

  private static void checkModel(JsonNode run, String path, Fields fields) {
    fields
        .requiredText(run, "tier", path)
        .filter(t -> !TIERS.contains(t))
        .ifPresent(
            t ->
                fields.add(
                    ViolationCode.WRONG_TYPE,
                    path + ".tier",
                    "expected small, medium or large, found \"" + t + "\""));
    fields.optionalText(run, "model", path);
    boolean prompt = run.hasNonNull("prompt");
    boolean messages = run.hasNonNull("messages");
    if (!prompt && !messages) {
      fields.add(
          ViolationCode.MISSING_FIELD,
          path + ".prompt",
          "an llm unit needs a prompt (string) or messages (array)");
    }
    if (prompt && !run.get("prompt").isTextual()) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          path + ".prompt",
          "expected a string, found " + Fields.kind(run.get("prompt")));
    }
    if (messages && !run.get("messages").isArray()) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          path + ".messages",
          "expected an array, found " + Fields.kind(run.get("messages")));
    }
    if (run.hasNonNull("max_tokens")) {
      fields.nonNegativeLong(run, "max_tokens", path, ViolationCode.NEGATIVE_BUDGET);
    }
  }
}
