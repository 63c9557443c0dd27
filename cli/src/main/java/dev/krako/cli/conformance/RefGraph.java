package dev.krako.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A corpus document read the way KORA (0.1) and the contract (1.x) define it: tasks, attempts,
 * verification, skip rules, activations and the declared caps. Only what the corpus uses is read;
 * validation is Krako's job and is not repeated here.
 *
 * @param unsupportedVersion the version text when the document's major version is not supported
 */
record RefGraph(
    String unsupportedVersion,
    boolean failFast,
    long maxTokens,
    long maxLlmCalls,
    long maxLatencyMs,
    List<RefTask> tasks) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static RefGraph read(String document) {
    JsonNode root;
    try {
      root = JSON.readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (root.has("schema_version")) {
      String version = root.get("schema_version").asText();
      return version.startsWith("1.") ? readV1(root) : unsupported(version);
    }
    String version = root.path("version").asText();
    return version.equals("0.1") ? readV01(root) : unsupported(version);
  }

  private static RefGraph unsupported(String version) {
    return new RefGraph(version, true, 0, 0, 0, List.of());
  }

  private static RefGraph readV01(JsonNode root) {
    JsonNode defaults = root.path("defaults").path("budget");
    List<RefTask> tasks = new ArrayList<>();
    long llmCalls = 0;
    for (JsonNode t : root.path("tasks")) {
      JsonNode policy = t.path("policy");
      int attempts = 1;
      if (policy.path("on_fail").asText().equals("retry")) {
        JsonNode retries = policy.path("budget").path("max_retries");
        if (retries.isMissingNode()) {
          retries = defaults.path("max_retries");
        }
        attempts = 1 + Math.max(0, retries.asInt(0));
      }
      JsonNode spec = t.path("run").path("spec");
      boolean llm = t.path("run").path("kind").asText().equals("llm");
      JsonNode verifySchema = t.path("verify").path("schema");
      boolean hasVerify = verifySchema.isObject() && !verifySchema.isEmpty();
      Set<String> required = new LinkedHashSet<>();
      JsonNode schema = hasVerify || !llm ? verifySchema : spec.path("output_schema");
      schema.path("required").forEach(k -> required.add(k.asText()));
      for (JsonNode rule : t.path("verify").path("rules")) {
        if (rule.path("kind").asText().equals("required")) {
          rule.path("paths").forEach(k -> required.add(k.asText()));
        }
      }
      boolean verified = llm || hasVerify;
      JsonNode skipIf = spec.path("input").path("skip_if");
      String id = t.path("id").asText();
      if (llm) {
        llmCalls += attempts;
      }
      tasks.add(
          new RefTask(
              id,
              texts(t.path("deps")),
              llm ? null : spec.path("handler").asText(),
              spec.path("args"),
              t.path("in"),
              llm ? spec.path("input").path("question").asText("") : null,
              id,
              llm && skipIf.isObject() ? skipIf.path("path").asText().substring(2) : null,
              llm && skipIf.isObject() ? skipIf.path("equals") : null,
              attempts,
              verified ? List.copyOf(required) : null,
              null));
    }
    return new RefGraph(
        null,
        true,
        defaults.path("max_tokens").asLong(),
        llmCalls,
        defaults.path("max_time_ms").asLong(),
        tasks);
  }

  private static RefGraph readV1(JsonNode root) {
    List<RefTask> tasks = new ArrayList<>();
    for (JsonNode u : root.path("work_units")) {
      boolean llm = u.path("type").asText().equals("llm");
      JsonNode prompt = JsonNodeFactory.instance.objectNode();
      if (llm) {
        try {
          prompt = JSON.readTree(u.path("run").path("prompt").asText());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      boolean verified = u.path("verification_mode").asText().equals("schema");
      JsonNode act = u.path("activation");
      tasks.add(
          new RefTask(
              u.path("id").asText(),
              texts(u.path("dependencies")),
              llm ? null : u.path("run").path("handler").asText(),
              u.path("run").path("args"),
              u.path("input"),
              llm ? prompt.path("input").path("question").asText("") : null,
              llm ? prompt.path("task_id").asText() : u.path("id").asText(),
              null,
              null,
              u.path("retries").path("max_attempts").asInt(1),
              verified ? texts(u.path("output_schema").path("required")) : null,
              act.isObject()
                  ? new RefTask.Activation(
                      act.path("when").asText(),
                      act.path("of").asText(),
                      act.path("threshold").asDouble(0))
                  : null));
    }
    JsonNode budgets = root.path("budgets");
    return new RefGraph(
        null,
        !root.path("policies").path("failure_policy").asText().equals("continue_on_error"),
        budgets.path("max_tokens").asLong(),
        budgets.path("max_llm_calls").asLong(),
        budgets.path("max_latency_ms").asLong(),
        tasks);
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
