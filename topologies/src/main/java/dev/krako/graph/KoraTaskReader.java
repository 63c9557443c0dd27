package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Reads one element of a KORA Task IR 0.1 {@code $.tasks} into a 1.x work unit, as
 * docs/kora-0.1-mapping.md tells. The informational {@code type} (such as {@code llm.answer}) and
 * {@code tags} are not read: the unit's type comes from {@code run.kind}.
 */
final class KoraTaskReader implements WorkUnitsReader.ElementReader {

  private final Fields fields;
  private final Long defaultRetries;

  /**
   * @param defaultRetries {@code defaults.budget.max_retries}, null when absent
   */
  KoraTaskReader(Fields fields, Long defaultRetries) {
    this.fields = fields;
    this.defaultRetries = defaultRetries;
  }

  @Override
  public Optional<WorkUnit> read(JsonNode task, String path) {
    if (!task.isObject()) {
      fields.add(ViolationCode.WRONG_TYPE, path, "expected an object, found " + Fields.kind(task));
      return Optional.empty();
    }
    int before = fields.violations().size();
    Optional<String> id = fields.requiredText(task, "id", path);
    id.filter(String::isEmpty)
        .ifPresent(
            i -> fields.add(ViolationCode.WRONG_TYPE, path + ".id", "a task id must not be empty"));
    List<String> deps = KoraFields.strings(fields, task, "deps", path, "a task id string");
    String input = fields.optionalObject(task, "in", path).map(JsonNode::toString).orElse("{}");
    Optional<KoraRun> run = KoraRun.read(fields, task, path);
    KoraPolicy policy = KoraPolicy.read(fields, task, path, defaultRetries);
    KoraVerify verify = KoraVerify.read(fields, task, path);
    if (fields.violations().size() > before || id.isEmpty() || run.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(unit(id.get(), deps, input, run.get(), policy, verify));
  }

  private static WorkUnit unit(
      String id,
      List<String> deps,
      String input,
      KoraRun run,
      KoraPolicy policy,
      KoraVerify verify) {
    ObjectNode runJson = run.run().deepCopy();
    if (policy.adaptive() != null) {
      // Shown to the executor and to people, never expanded into calls: escalation is graph
      // structure KORA declares (CONTRACT.md section 1).
      runJson.set("adaptive", policy.adaptive().deepCopy());
    }
    KoraVerify.Verification verification = verify.forUnit(run.type(), run.outputSchema());
    boolean llm = run.type() == UnitType.LLM;
    return new WorkUnit(
        id,
        run.type(),
        deps,
        input,
        runJson.toString(),
        Privacy.ALLOW_REMOTE,
        false,
        llm ? policy.maxTokens() : null,
        policy.maxAttempts(),
        0L,
        policy.maxTimeMs(),
        false,
        verification.outputSchemaJson(),
        null,
        Criticality.NORMAL,
        verification.mode(),
        null,
        run.skipIf());
  }
}
