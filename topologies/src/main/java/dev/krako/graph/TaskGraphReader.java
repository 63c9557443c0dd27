package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads and checks a TaskGraph 1.x object; one instance per document. */
final class TaskGraphReader {

  private static final int MAX_ID_LENGTH = 128;
  private static final java.util.regex.Pattern UTC_TIMESTAMP =
      java.util.regex.Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}T([01]\\d|2[0-3]):[0-5]\\d:[0-5]\\d(\\.\\d{1,9})?Z");

  private final IngressLimits limits;
  private final Fields fields = new Fields();

  TaskGraphReader(IngressLimits limits) {
    this.limits = limits;
  }

  ParseOutcome read(JsonNode root) {
    Optional<String> graphId = fields.requiredText(root, "graph_id", "$");
    Optional<String> tenantId = fields.requiredText(root, "tenant_id", "$");
    Optional<String> requestId = fields.requiredText(root, "request_id", "$");
    Optional<String> version = schemaVersion(root);
    graphId.ifPresent(this::checkGraphId);
    checkNotEmpty(tenantId, "$.tenant_id");
    checkNotEmpty(requestId, "$.request_id");
    Optional<Instant> createdAt = createdAt(root);
    Optional<Budgets> budgets = budgets(root);
    FailurePolicy policy = failurePolicy(root);
    WorkUnitsReader unitsReader = new WorkUnitsReader(fields, limits);
    List<WorkUnit> units = unitsReader.read(root);
    List<String> finals = finalOutputs(root, units, unitsReader.declaredIds());
    budgets.ifPresent(b -> fields.violations().addAll(BudgetFit.check(b, units)));
    if (!fields.violations().isEmpty()) {
      return new ParseOutcome.Rejected(
          graphId.orElse(null), tenantId.orElse(null), requestId.orElse(null), fields.violations());
    }
    return new ParseOutcome.Accepted(
        new TaskGraph(
            version.orElseThrow(),
            graphId.orElseThrow(),
            requestId.orElseThrow(),
            tenantId.orElseThrow(),
            createdAt.orElseThrow(),
            budgets.orElseThrow(),
            policy,
            units,
            finals));
  }

  private Optional<String> schemaVersion(JsonNode root) {
    if (!root.has("schema_version") && root.has("version")) {
      fields.add(
          ViolationCode.UNSUPPORTED_SCHEMA_VERSION,
          "$.version",
          "KORA Task IR version "
              + root.get("version")
              + " is not supported; Krako accepts 0.1 and 1.x");
      return Optional.empty();
    }
    Optional<String> version = fields.requiredText(root, "schema_version", "$");
    if (version.isPresent() && !version.get().matches("1\\.\\d+")) {
      fields.add(
          ViolationCode.UNSUPPORTED_SCHEMA_VERSION,
          "$.schema_version",
          "supported versions are 1.x, found \"" + version.get() + "\"");
      return Optional.empty();
    }
    return version;
  }

  private void checkGraphId(String graphId) {
    int length = graphId.codePointCount(0, graphId.length());
    if (length == 0 || length > MAX_ID_LENGTH) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          "$.graph_id",
          "must have 1 to " + MAX_ID_LENGTH + " characters, has " + length);
    }
  }

  private void checkNotEmpty(Optional<String> value, String path) {
    value
        .filter(String::isBlank)
        .ifPresent(v -> fields.add(ViolationCode.WRONG_TYPE, path, "must not be empty"));
  }

  private Optional<Instant> createdAt(JsonNode root) {
    Optional<String> text = fields.requiredText(root, "created_at", "$");
    if (text.isPresent() && !UTC_TIMESTAMP.matcher(text.get()).matches()) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          "$.created_at",
          "expected an RFC 3339 UTC timestamp such as 2026-01-01T00:00:00Z, found \""
              + text.get()
              + "\"");
      return Optional.empty();
    }
    try {
      return text.map(Instant::parse);
    } catch (DateTimeParseException e) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          "$.created_at",
          "expected an RFC 3339 UTC timestamp such as 2026-01-01T00:00:00Z");
      return Optional.empty();
    }
  }

  private Optional<Budgets> budgets(JsonNode root) {
    if (!root.hasNonNull("budgets")) {
      fields.add(ViolationCode.MISSING_FIELD, "$.budgets", "the field is required");
      return Optional.empty();
    }
    Optional<JsonNode> node = fields.optionalObject(root, "budgets", "$");
    if (node.isEmpty()) {
      return Optional.empty();
    }
    JsonNode b = node.get();
    ViolationCode neg = ViolationCode.NEGATIVE_BUDGET;
    Optional<Long> llm = fields.nonNegativeLong(b, "max_llm_calls", "$.budgets", neg);
    Optional<Long> cpu = fields.nonNegativeLong(b, "max_cpu_units", "$.budgets", neg);
    Optional<Long> tokens = fields.nonNegativeLong(b, "max_tokens", "$.budgets", neg);
    Optional<Long> latency = fields.nonNegativeLong(b, "max_latency_ms", "$.budgets", neg);
    BigDecimal cost = maxCost(b);
    if (llm.isEmpty() || cpu.isEmpty() || tokens.isEmpty() || latency.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new Budgets(llm.get(), cpu.get(), tokens.get(), latency.get(), cost));
  }

  private BigDecimal maxCost(JsonNode budgets) {
    JsonNode cost = budgets.get("max_cost_usd");
    if (cost == null || cost.isNull()) {
      return null;
    }
    if (!cost.isNumber()) {
      fields.add(ViolationCode.WRONG_TYPE, "$.budgets.max_cost_usd", "expected a decimal number");
      return null;
    }
    if (cost.decimalValue().signum() < 0) {
      fields.add(ViolationCode.NEGATIVE_BUDGET, "$.budgets.max_cost_usd", "must be at least 0");
      return null;
    }
    return cost.decimalValue();
  }

  private FailurePolicy failurePolicy(JsonNode root) {
    Optional<JsonNode> policies = fields.optionalObject(root, "policies", "$");
    Optional<String> name =
        policies.flatMap(p -> fields.optionalText(p, "failure_policy", "$.policies"));
    if (name.isEmpty() || name.get().equals("fail_fast")) {
      return FailurePolicy.FAIL_FAST;
    }
    if (name.get().equals("continue_on_error")) {
      return FailurePolicy.CONTINUE_ON_ERROR;
    }
    fields.add(
        ViolationCode.WRONG_TYPE,
        "$.policies.failure_policy",
        "expected fail_fast or continue_on_error, found \"" + name.get() + "\"");
    return FailurePolicy.FAIL_FAST;
  }

  private List<String> finalOutputs(JsonNode root, List<WorkUnit> units, Set<String> declaredIds) {
    Optional<JsonNode> outputs = fields.optionalObject(root, "outputs", "$");
    Optional<String> declared = outputs.flatMap(o -> fields.optionalText(o, "final", "$.outputs"));
    if (declared.isPresent()) {
      // No declared ids: work_units itself is wrong, and that violation explains this one.
      if (!declaredIds.isEmpty() && !declaredIds.contains(declared.get())) {
        fields.add(
            ViolationCode.UNKNOWN_DEPENDENCY,
            "$.outputs.final",
            "no work unit has the id \"" + declared.get() + "\"");
      }
      return List.of(declared.get());
    }
    return sinks(units);
  }

  /** Units nothing depends on, in declaration order: the default final outputs. */
  static List<String> sinks(List<WorkUnit> units) {
    Map<String, Boolean> isSink = new LinkedHashMap<>();
    units.forEach(u -> isSink.put(u.id(), true));
    units.forEach(u -> u.dependencies().forEach(d -> isSink.replace(d, false)));
    List<String> sinks = new ArrayList<>();
    isSink.forEach(
        (id, sink) -> {
          if (sink) {
            sinks.add(id);
          }
        });
    return sinks;
  }
}
