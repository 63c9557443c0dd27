package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads one element of {@code $.work_units}. */
final class WorkUnitReader {

  private final Fields fields;

  WorkUnitReader(Fields fields) {
    this.fields = fields;
  }

  Optional<WorkUnit> read(JsonNode node, String path) {
    if (!node.isObject()) {
      fields.add(ViolationCode.WRONG_TYPE, path, "expected an object, found " + Fields.kind(node));
      return Optional.empty();
    }
    int before = fields.violations().size();
    Optional<String> id = fields.requiredText(node, "id", path);
    Optional<UnitType> type = type(node, path);
    List<String> deps = dependencies(node, path);
    String input = fields.optionalObject(node, "input", path).map(JsonNode::toString).orElse("{}");
    Optional<JsonNode> run = fields.optionalObject(node, "run", path);
    if (run.isEmpty() && !node.hasNonNull("run")) {
      fields.add(ViolationCode.MISSING_FIELD, path + ".run", "the field is required");
    }
    Optional<JsonNode> constraints = fields.optionalObject(node, "constraints", path);
    Privacy privacy =
        constraints.map(c -> privacy(c, path + ".constraints")).orElse(Privacy.ALLOW_REMOTE);
    boolean trusted =
        constraints
            .flatMap(c -> fields.optionalBoolean(c, "trusted_node_required", path + ".constraints"))
            .orElse(false);
    Long budgetTokens = constraints.map(c -> budgetTokens(c, path)).orElse(null);
    Retry retry = retries(node, path);
    Long runTimeout = runTimeout(node, path);
    boolean idempotent = fields.optionalBoolean(node, "idempotent", path).orElse(false);
    String outputSchema =
        fields.optionalObject(node, "output_schema", path).map(JsonNode::toString).orElse(null);
    UnitOptions options = new UnitOptions(fields);
    Criticality criticality = options.criticality(node, path);
    VerificationMode verification = options.verificationMode(node, path, outputSchema != null);
    Long dispatchTimeout = options.dispatchTimeout(node, path);
    Activation activation = options.activation(node, path, deps);
    id.filter(String::isBlank)
        .ifPresent(
            i -> fields.add(ViolationCode.WRONG_TYPE, path + ".id", "a unit id must not be empty"));
    if (type.isPresent() && run.isPresent()) {
      RunSpecCheck.check(type.get(), run.get(), path + ".run", fields);
    }
    if (budgetTokens != null
        && type.isPresent()
        && type.get() != UnitType.LLM
        && type.get() != UnitType.SMALL_MODEL) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          path + ".constraints.budget_tokens",
          "a token cap applies to llm and small_model units only, not " + type.get().wireName());
    }
    if (type.isPresent() && type.get() == UnitType.LLM && privacy == Privacy.LOCAL_ONLY) {
      fields.add(
          ViolationCode.PRIVACY_CONFLICT,
          path + ".constraints.privacy",
          "a local_only unit runs on trusted CPU only, but an llm unit runs on an LLM pod only");
    }
    if (type.isPresent() && type.get() == UnitType.LLM && trusted) {
      fields.add(
          ViolationCode.PRIVACY_CONFLICT,
          path + ".constraints.trusted_node_required",
          "a trusted node is a CPU node, but an llm unit runs on an LLM pod only");
    }
    if (fields.violations().size() > before || id.isEmpty() || type.isEmpty() || run.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new WorkUnit(
            id.get(),
            type.get(),
            deps,
            input,
            run.get().toString(),
            privacy,
            trusted,
            budgetTokens,
            retry.maxAttempts(),
            retry.backoffMs(),
            runTimeout,
            idempotent,
            outputSchema,
            dispatchTimeout,
            criticality,
            verification,
            activation,
            null));
  }

  private Optional<UnitType> type(JsonNode node, String path) {
    Optional<String> name = fields.requiredText(node, "type", path);
    if (name.isEmpty()) {
      return Optional.empty();
    }
    Optional<UnitType> type = UnitType.fromWireName(name.get());
    if (type.isEmpty()) {
      fields.add(
          ViolationCode.UNKNOWN_WORK_UNIT_TYPE,
          path + ".type",
          "expected deterministic, retrieval, small_model or llm, found \"" + name.get() + "\"");
    }
    return type;
  }

  private List<String> dependencies(JsonNode node, String path) {
    JsonNode deps = node.get("dependencies");
    if (deps == null || deps.isNull()) {
      return List.of();
    }
    if (!deps.isArray()) {
      fields.add(ViolationCode.WRONG_TYPE, path + ".dependencies", "expected an array of unit ids");
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < deps.size(); i++) {
      if (deps.get(i).isTextual()) {
        ids.add(deps.get(i).textValue());
      } else {
        fields.add(
            ViolationCode.WRONG_TYPE,
            path + ".dependencies[" + i + "]",
            "expected a unit id string, found " + Fields.kind(deps.get(i)));
      }
    }
    return ids;
  }

  private Privacy privacy(JsonNode constraints, String path) {
    Optional<String> privacy = fields.optionalText(constraints, "privacy", path);
    boolean legacyLocal = fields.optionalBoolean(constraints, "local_only", path).orElse(false);
    if (privacy.isEmpty()) {
      return legacyLocal ? Privacy.LOCAL_ONLY : Privacy.ALLOW_REMOTE;
    }
    switch (privacy.get()) {
      case "local_only":
        return Privacy.LOCAL_ONLY;
      case "allow_remote":
        return legacyLocal ? Privacy.LOCAL_ONLY : Privacy.ALLOW_REMOTE;
      default:
        fields.add(
            ViolationCode.WRONG_TYPE,
            path + ".privacy",
            "expected local_only or allow_remote, found \"" + privacy.get() + "\"");
        return Privacy.LOCAL_ONLY;
    }
  }

  private Long budgetTokens(JsonNode constraints, String path) {
    if (!constraints.has("budget_tokens") || constraints.get("budget_tokens").isNull()) {
      return null;
    }
    return fields
        .nonNegativeLong(
            constraints, "budget_tokens", path + ".constraints", ViolationCode.NEGATIVE_BUDGET)
        .orElse(null);
  }

  private record Retry(int maxAttempts, long backoffMs) {}

  private Retry retries(JsonNode node, String path) {
    Optional<JsonNode> retries = fields.optionalObject(node, "retries", path);
    if (retries.isEmpty()) {
      return new Retry(1, 0);
    }
    String at = path + ".retries";
    long attempts =
        fields
            .nonNegativeLong(retries.get(), "max_attempts", at, ViolationCode.WRONG_TYPE)
            .orElse(1L);
    if (attempts < 1 || attempts > Integer.MAX_VALUE) {
      fields.add(ViolationCode.WRONG_TYPE, at + ".max_attempts", "must be at least 1");
      attempts = 1;
    }
    long backoff =
        retries.get().hasNonNull("backoff_ms")
            ? fields
                .nonNegativeLong(retries.get(), "backoff_ms", at, ViolationCode.WRONG_TYPE)
                .orElse(0L)
            : 0L;
    return new Retry((int) attempts, backoff);
  }

  private Long runTimeout(JsonNode node, String path) {
    Optional<JsonNode> timeouts = fields.optionalObject(node, "timeouts", path);
    if (timeouts.isEmpty() || !timeouts.get().hasNonNull("run_timeout_ms")) {
      return null;
    }
    return fields
        .nonNegativeLong(
            timeouts.get(), "run_timeout_ms", path + ".timeouts", ViolationCode.WRONG_TYPE)
        .orElse(null);
  }
}
