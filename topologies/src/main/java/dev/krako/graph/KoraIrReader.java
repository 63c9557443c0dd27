package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a KORA Task IR 0.1 document and maps it to the canonical 1.x form, field by field as
 * docs/kora-0.1-mapping.md tells; one instance per document. Like the 1.x reader, it reports every
 * violation with its JSON path in the submitted 0.1 document and never throws on bad input.
 */
final class KoraIrReader {

  /** The 1.x version a mapped graph has. */
  static final String MAPPED_SCHEMA_VERSION = "1.0";

  private static final int MAX_ID_LENGTH = 128;

  private final IngressLimits limits;
  private final Submission submission;
  private final Fields fields = new Fields();

  KoraIrReader(IngressLimits limits, Submission submission) {
    this.limits = limits;
    this.submission = submission;
  }

  ParseOutcome read(JsonNode root) {
    checkVersion(root);
    Optional<String> graphId = graphId(root);
    Optional<String> tenantId = tenantId();
    String requestId = requestId().or(() -> graphId).orElse(null);
    KoraBudget defaults = defaultBudget(root);
    WorkUnitsReader tasks =
        new WorkUnitsReader(
            fields, limits, "tasks", "deps", new KoraTaskReader(fields, defaults.maxRetries()));
    List<WorkUnit> units = tasks.read(root);
    List<String> finals = finalOutputs(root, units, tasks.declaredIds());
    Optional<Budgets> budgets = budgets(defaults, units);
    budgets.ifPresent(b -> checkBudgetFit(b, units));
    if (!fields.violations().isEmpty()) {
      return new ParseOutcome.Rejected(
          graphId.orElse(null), tenantId.orElse(null), requestId, fields.violations());
    }
    return new ParseOutcome.Accepted(
        new TaskGraph(
            MAPPED_SCHEMA_VERSION,
            graphId.orElseThrow(),
            requestId,
            tenantId.orElseThrow(),
            submission.receivedAt(),
            budgets.orElseThrow(),
            // KORA stops the graph at the first task that fails for good.
            FailurePolicy.FAIL_FAST,
            units,
            finals,
            SourceFormat.KORA_IR_0_1));
  }

  /** The parser routes here on {@code version} reading 0.1; KORA writes it as a string. */
  private void checkVersion(JsonNode root) {
    JsonNode version = root.get("version");
    if (version != null && !version.isTextual()) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          "$.version",
          "expected the string \"0.1\", found " + Fields.kind(version));
    }
  }

  private Optional<String> graphId(JsonNode root) {
    Optional<String> graphId = fields.requiredText(root, "graph_id", "$");
    int length = graphId.map(g -> g.codePointCount(0, g.length())).orElse(1);
    if (length == 0 || length > MAX_ID_LENGTH) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          "$.graph_id",
          "must have 1 to " + MAX_ID_LENGTH + " characters, has " + length);
    }
    return graphId;
  }

  private Optional<String> tenantId() {
    String tenant = submission.tenantId();
    if (tenant == null || tenant.isBlank()) {
      fields.add(
          ViolationCode.MISSING_FIELD,
          "$.tenant_id",
          "a KORA Task IR 0.1 graph carries its tenant in the "
              + Submission.TENANT_HEADER
              + " record header, and the record has none");
      return Optional.empty();
    }
    return Optional.of(tenant);
  }

  private Optional<String> requestId() {
    String request = submission.requestId();
    return request == null || request.isBlank() ? Optional.empty() : Optional.of(request);
  }

  private KoraBudget defaultBudget(JsonNode root) {
    Optional<JsonNode> defaults = KoraFields.requiredObject(fields, root, "defaults", "$");
    Optional<JsonNode> budget =
        defaults.flatMap(d -> KoraFields.requiredObject(fields, d, "budget", "$.defaults"));
    return budget
        .map(b -> KoraBudget.read(fields, b, "$.defaults.budget", true))
        .orElse(KoraBudget.NONE);
  }

  /**
   * The session budgets, empty when a default limit is unreadable. 0.1 declares no call caps, so
   * they are derived from the declared structure: every attempt of every task, and not one call
   * more than the graph can make as declared.
   */
  private static Optional<Budgets> budgets(KoraBudget defaults, List<WorkUnit> units) {
    if (defaults.maxTokens() == null || defaults.maxTimeMs() == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Budgets(
            attempts(units, UnitType.LLM),
            attempts(units, UnitType.DETERMINISTIC),
            defaults.maxTokens(),
            defaults.maxTimeMs(),
            null));
  }

  /**
   * The 1.x check that the mandatory units fit the budgets. The derived call caps always fit; a
   * token budget of 0 with a mandatory llm task does not, and is named at its 0.1 path.
   */
  private void checkBudgetFit(Budgets budgets, List<WorkUnit> units) {
    for (Violation violation : BudgetFit.check(budgets, units)) {
      String path =
          switch (violation.path()) {
            case "$.budgets.max_tokens" -> "$.defaults.budget.max_tokens";
            case "$.budgets.max_latency_ms" -> "$.defaults.budget.max_time_ms";
            default -> "$.tasks";
          };
      fields.add(violation.code(), path, violation.message());
    }
  }

  private static long attempts(List<WorkUnit> units, UnitType type) {
    return units.stream().filter(u -> u.type() == type).mapToLong(WorkUnit::maxAttempts).sum();
  }

  private List<String> finalOutputs(JsonNode root, List<WorkUnit> units, Set<String> declaredIds) {
    Optional<String> declared = fields.optionalText(root, "root", "$");
    if (declared.isEmpty()) {
      return TaskGraphReader.sinks(units);
    }
    // No declared ids: $.tasks itself is wrong, and that violation explains this one.
    if (!declaredIds.isEmpty() && !declaredIds.contains(declared.get())) {
      fields.add(
          ViolationCode.UNKNOWN_DEPENDENCY,
          "$.root",
          "no task has the id \"" + declared.get() + "\"");
    }
    return List.of(declared.get());
  }
}
