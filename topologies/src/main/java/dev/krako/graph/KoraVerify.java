package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A KORA Task IR 0.1 task's {@code verify} block, read: the declared schema and the rules folded
 * into schema parts. Which schema a unit is checked against depends on its kind: see {@link
 * #forUnit}.
 *
 * @param schema {@code verify.schema}, null when absent
 * @param ruleParts the parts {@link KoraRules} made of {@code verify.rules}
 */
record KoraVerify(JsonNode schema, List<ObjectNode> ruleParts) {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** How a unit is verified in 1.x. */
  record Verification(VerificationMode mode, String outputSchemaJson) {}

  KoraVerify {
    ruleParts = List.copyOf(ruleParts);
  }

  /** Reads {@code verify} of the task at {@code path}. */
  static KoraVerify read(Fields fields, JsonNode task, String path) {
    Optional<JsonNode> verify = fields.optionalObject(task, "verify", path);
    if (verify.isEmpty()) {
      return new KoraVerify(null, List.of());
    }
    String at = path + ".verify";
    JsonNode schema = fields.optionalObject(verify.get(), "schema", at).orElse(null);
    return new KoraVerify(schema, KoraRules.read(fields, verify.get(), at));
  }

  /**
   * KORA's rule: an llm task is always verified, against {@code verify.schema} when it is not
   * empty, else {@code run.spec.output_schema}, else {@code {}}; a det task only when {@code
   * verify.schema} is not empty (its rules alone do not make it verified).
   *
   * @param outputSchema {@code run.spec.output_schema}, null when absent
   */
  Verification forUnit(UnitType type, JsonNode outputSchema) {
    boolean declared = schema != null && !schema.isEmpty();
    if (type != UnitType.LLM && !declared) {
      return new Verification(VerificationMode.NONE, null);
    }
    JsonNode base = declared ? schema : outputSchema != null ? outputSchema : JSON.objectNode();
    return new Verification(VerificationMode.SCHEMA, withRules(base).toString());
  }

  private JsonNode withRules(JsonNode base) {
    if (ruleParts.isEmpty()) {
      return base;
    }
    ObjectNode combined = JSON.objectNode();
    combined.putArray("allOf").add(base).addAll(ruleParts);
    return combined;
  }
}
