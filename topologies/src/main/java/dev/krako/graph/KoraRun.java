package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * A KORA Task IR 0.1 task's {@code run} block in 1.x terms.
 *
 * @param run the 1.x run object: {@code {handler, args}} or {@code {tier, adapter, input}}
 * @param skipIf an llm task's {@code run.spec.input.skip_if}, else null
 * @param outputSchema an llm task's {@code run.spec.output_schema}, else null
 */
record KoraRun(UnitType type, ObjectNode run, SkipCondition skipIf, JsonNode outputSchema) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Reads {@code run} of the task at {@code path}; empty when it cannot be mapped. */
  static Optional<KoraRun> read(Fields fields, JsonNode task, String path) {
    Optional<JsonNode> run = KoraFields.requiredObject(fields, task, "run", path);
    if (run.isEmpty()) {
      return Optional.empty();
    }
    String at = path + ".run";
    Optional<String> kind = fields.requiredText(run.get(), "kind", at);
    Optional<JsonNode> spec = KoraFields.requiredObject(fields, run.get(), "spec", at);
    if (kind.isEmpty()) {
      return Optional.empty();
    }
    return switch (kind.get()) {
      case "det" -> spec.flatMap(s -> deterministic(fields, s, at + ".spec"));
      case "llm" -> spec.flatMap(s -> llm(fields, s, at + ".spec"));
      default -> {
        fields.add(
            ViolationCode.UNKNOWN_WORK_UNIT_TYPE,
            at + ".kind",
            "expected det or llm, found \"" + kind.get() + "\"");
        yield Optional.empty();
      }
    };
  }

  /**
   * The 1.x tier an adapter name stands for: KORA names its small and large model adapters with
   * these suffixes ({@code openai_mini}, {@code openai_full}); any other adapter is the medium one.
   */
  static String tier(String adapter) {
    if (adapter.endsWith("_mini")) {
      return "small";
    }
    return adapter.endsWith("_full") ? "large" : "medium";
  }

  private static Optional<KoraRun> deterministic(Fields fields, JsonNode spec, String path) {
    Optional<String> handler =
        nonBlank(fields.requiredText(spec, "handler", path), fields, path + ".handler");
    Optional<JsonNode> args = fields.optionalObject(spec, "args", path);
    if (handler.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode run = JSON.objectNode();
    run.put("handler", handler.get());
    run.set("args", args.<JsonNode>map(JsonNode::deepCopy).orElseGet(JSON::objectNode));
    return Optional.of(new KoraRun(UnitType.DETERMINISTIC, run, null, null));
  }

  private static Optional<KoraRun> llm(Fields fields, JsonNode spec, String path) {
    Optional<String> adapter =
        nonBlank(fields.requiredText(spec, "adapter", path), fields, path + ".adapter");
    Optional<JsonNode> input = fields.optionalObject(spec, "input", path);
    SkipCondition skipIf = input.map(i -> skipIf(fields, i, path + ".input")).orElse(null);
    JsonNode outputSchema = fields.optionalObject(spec, "output_schema", path).orElse(null);
    if (adapter.isEmpty()) {
      return Optional.empty();
    }
    // The model sees the input without skip_if, as in KORA: the condition is Krako's to evaluate.
    ObjectNode modelInput = input.map(i -> (ObjectNode) i.deepCopy()).orElseGet(JSON::objectNode);
    modelInput.remove("skip_if");
    ObjectNode run = JSON.objectNode();
    run.put("tier", tier(adapter.get()));
    run.put("adapter", adapter.get());
    run.set("input", modelInput);
    return Optional.of(new KoraRun(UnitType.LLM, run, skipIf, outputSchema));
  }

  private static Optional<String> nonBlank(Optional<String> name, Fields fields, String path) {
    if (name.isPresent() && name.get().isBlank()) {
      fields.add(ViolationCode.WRONG_TYPE, path, "must not be empty");
      return Optional.empty();
    }
    return name;
  }

  private static SkipCondition skipIf(Fields fields, JsonNode input, String path) {
    Optional<JsonNode> skip = fields.optionalObject(input, "skip_if", path);
    if (skip.isEmpty()) {
      return null;
    }
    String at = path + ".skip_if";
    Optional<String> key = fields.requiredText(skip.get(), "path", at);
    if (key.isPresent() && (!key.get().startsWith("$.") || key.get().length() == 2)) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          at + ".path",
          "expected a top-level key path such as $.is_simple, found \"" + key.get() + "\"");
      return null;
    }
    JsonNode equals = skip.get().get("equals");
    if (equals == null) {
      // An explicit null is a value (it matches a missing key); an absent one is a mistake.
      fields.add(ViolationCode.MISSING_FIELD, at + ".equals", "the field is required");
      return null;
    }
    return key.map(k -> new SkipCondition(k, equals.toString())).orElse(null);
  }
}
