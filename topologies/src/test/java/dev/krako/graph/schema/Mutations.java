package dev.krako.graph.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The catalogue of TaskGraph 1.x fields, each with the values that break it, and the single
 * structural mutations a document admits.
 */
final class Mutations {

  private Mutations() {}

  /** What a field holds; each kind knows values of the wrong type or out of range for it. */
  enum Kind {
    STRING(List.of(1, true, List.of(), Map.of())),
    /** A string that is not empty: a unit id. */
    ID(List.of("", 1, true, List.of(), Map.of())),
    /** A string with a character that is not white space. */
    NOT_BLANK(List.of("", "  ", "\t\n", "\u3000", 1, true, List.of(), Map.of())),
    /** 1 to 128 code points. */
    GRAPH_ID(List.of("", "g".repeat(129), "\uD83D\uDE80".repeat(129), 7, List.of("g"))),
    SCHEMA_VERSION(
        List.of("2.0", "1", "1.x", "v1.0", "0.1", "1.0 ", " 1.0", "1.0\n", "", 1, 1.5, true)),
    DATE_TIME(
        List.of(
            "yesterday",
            "2026-01-01",
            "2026-01-01 00:00:00Z",
            "2026-01-01T00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T00:00:00.1234567891Z",
            "2026-01-01T02:00:00+02:00",
            "2026-01-01t00:00:00z",
            20260101)),
    /** An integer from 0 to 2^63-1. */
    COUNT(List.of(-1, 1.5, "1", true, List.of(), BigInteger.TWO.pow(63))),
    /** An integer from 1 to 2^31-1. */
    ATTEMPTS(List.of(0, -1, 1.5, "2", false, BigInteger.TWO.pow(31))),
    /** A decimal at least 0. */
    MONEY(List.of(-0.01, -1, "1.00", true, List.of())),
    NUMBER(List.of("0.5", true, List.of(), Map.of())),
    BOOLEAN(List.of("true", 1, List.of(), Map.of())),
    OBJECT(List.of("x", 1, List.of(), true)),
    STRING_ARRAY(List.of("a", Map.of(), 1, List.of(1), Json.NODES.arrayNode().addNull())),
    ARRAY(List.of("a", Map.of(), 1, true)),
    WORK_UNITS(List.of(List.of(), Map.of(), "x", 1)),
    UNIT(List.of("x", 1, List.of(), true, Json.NODES.nullNode())),
    UNIT_TYPE(enumValues("deterministic")),
    FAILURE_POLICY(enumValues("fail_fast")),
    PRIVACY(enumValues("local_only")),
    CRITICALITY(enumValues("normal")),
    VERIFICATION_MODE(enumValues("schema")),
    CONDITION(enumValues("failure")),
    TIER(enumValues("small"));

    private final List<Object> badValues;

    Kind(List<Object> badValues) {
      this.badValues = badValues;
    }

    List<Object> badValues() {
      return badValues;
    }

    /** Out of range: an unknown name, a known one in the wrong case, empty, not a string. */
    private static List<Object> enumValues(String known) {
      return List.of("not_a_value", known.toUpperCase(), "", 1, true);
    }
  }

  /** Which units a unit field belongs to: the run shape depends on the type. */
  enum Applies {
    ALL,
    CPU,
    LLM;

    boolean to(JsonNode unit) {
      boolean llm = "llm".equals(unit.path("type").asText());
      return this == ALL || (this == LLM) == llm;
    }
  }

  /**
   * A field at a path (relative to the document or to a unit), required when its parent is there.
   */
  record Field(String path, Kind kind, boolean required, Applies applies) {}

  static Field required(String path, Kind kind) {
    return new Field(path, kind, true, Applies.ALL);
  }

  static Field optional(String path, Kind kind) {
    return new Field(path, kind, false, Applies.ALL);
  }

  static final List<Field> GRAPH_FIELDS =
      List.of(
          required("schema_version", Kind.SCHEMA_VERSION),
          required("graph_id", Kind.GRAPH_ID),
          required("request_id", Kind.NOT_BLANK),
          required("tenant_id", Kind.NOT_BLANK),
          required("created_at", Kind.DATE_TIME),
          required("budgets", Kind.OBJECT),
          required("budgets/max_llm_calls", Kind.COUNT),
          required("budgets/max_cpu_units", Kind.COUNT),
          required("budgets/max_tokens", Kind.COUNT),
          required("budgets/max_latency_ms", Kind.COUNT),
          optional("budgets/max_cost_usd", Kind.MONEY),
          optional("policies", Kind.OBJECT),
          optional("policies/failure_policy", Kind.FAILURE_POLICY),
          optional("outputs", Kind.OBJECT),
          optional("outputs/final", Kind.STRING),
          required("work_units", Kind.WORK_UNITS));

  static final List<Field> UNIT_FIELDS =
      List.of(
          required("id", Kind.ID),
          required("type", Kind.UNIT_TYPE),
          optional("dependencies", Kind.STRING_ARRAY),
          optional("input", Kind.OBJECT),
          required("run", Kind.OBJECT),
          forType(Applies.CPU, required("run/handler", Kind.NOT_BLANK)),
          forType(Applies.CPU, optional("run/args", Kind.OBJECT)),
          forType(Applies.LLM, required("run/tier", Kind.TIER)),
          forType(Applies.LLM, optional("run/model", Kind.STRING)),
          forType(Applies.LLM, optional("run/prompt", Kind.STRING)),
          forType(Applies.LLM, optional("run/messages", Kind.ARRAY)),
          forType(Applies.LLM, optional("run/max_tokens", Kind.COUNT)),
          optional("constraints", Kind.OBJECT),
          optional("constraints/privacy", Kind.PRIVACY),
          optional("constraints/local_only", Kind.BOOLEAN),
          optional("constraints/trusted_node_required", Kind.BOOLEAN),
          optional("constraints/budget_tokens", Kind.COUNT),
          optional("retries", Kind.OBJECT),
          required("retries/max_attempts", Kind.ATTEMPTS),
          optional("retries/backoff_ms", Kind.COUNT),
          optional("timeouts", Kind.OBJECT),
          optional("timeouts/run_timeout_ms", Kind.COUNT),
          optional("timeouts/dispatch_timeout_ms", Kind.COUNT),
          optional("idempotent", Kind.BOOLEAN),
          optional("criticality", Kind.CRITICALITY),
          optional("verification_mode", Kind.VERIFICATION_MODE),
          optional("output_schema", Kind.OBJECT),
          optional("activation", Kind.OBJECT),
          required("activation/when", Kind.CONDITION),
          required("activation/of", Kind.STRING),
          optional("activation/threshold", Kind.NUMBER));

  private static Field forType(Applies applies, Field field) {
    return new Field(field.path(), field.kind(), field.required(), applies);
  }

  /** Every single structural mutation of this valid document. */
  static List<Mutation> of(JsonNode document) {
    List<Mutation> mutations = new ArrayList<>();
    for (Field field : GRAPH_FIELDS) {
      addFieldMutations(mutations, document, "", field);
    }
    if (document.get("work_units") instanceof ArrayNode units) {
      for (int i = 0; i < units.size(); i++) {
        String unitPointer = "/work_units/" + i;
        JsonNode unit = units.get(i);
        for (Object bad : Kind.UNIT.badValues()) {
          mutations.add(set(unitPointer, bad));
        }
        for (Field field : UNIT_FIELDS) {
          if (field.applies().to(unit)) {
            addFieldMutations(mutations, document, unitPointer, field);
          }
        }
        addRuleMutations(mutations, unit, unitPointer);
      }
    }
    return mutations;
  }

  private static void addFieldMutations(
      List<Mutation> mutations, JsonNode document, String base, Field field) {
    String pointer = base + "/" + field.path();
    String parent = pointer.substring(0, pointer.lastIndexOf('/'));
    if (!(document.at(parent) instanceof ObjectNode)) {
      return; // the field's parent is absent or null: there is nothing to break.
    }
    boolean present = Json.at(document, pointer).isPresent();
    if (field.required() && present) {
      mutations.add(new Mutation("delete " + Json.jsonPath(pointer), d -> Json.remove(d, pointer)));
      mutations.add(set(pointer, Json.NODES.nullNode()));
    }
    for (Object bad : field.kind().badValues()) {
      mutations.add(set(pointer, bad));
    }
  }

  /** Rules between the fields of one unit (if/then in the schema). */
  private static void addRuleMutations(List<Mutation> mutations, JsonNode unit, String pointer) {
    if (Applies.LLM.to(unit)) {
      mutations.add(set(pointer + "/constraints/privacy", "local_only"));
      mutations.add(set(pointer + "/constraints/local_only", true));
      mutations.add(set(pointer + "/constraints/trusted_node_required", true));
      mutations.add(
          new Mutation(
              "remove both " + Json.jsonPath(pointer + "/run") + ".prompt and .messages",
              d -> {
                Json.remove(d, pointer + "/run/prompt");
                Json.remove(d, pointer + "/run/messages");
              }));
    }
    if (List.of("deterministic", "retrieval").contains(unit.path("type").asText())) {
      mutations.add(set(pointer + "/constraints/budget_tokens", 100));
    }
    if (unit.path("dependencies") instanceof ArrayNode deps && !deps.isEmpty()) {
      String repeated = deps.get(0).asText();
      mutations.add(
          new Mutation(
              "list " + Json.jsonPath(pointer) + "'s dependency \"" + repeated + "\" twice",
              d -> ((ArrayNode) d.at(pointer + "/dependencies")).add(repeated)));
    }
    mutations.add(
        new Mutation(
            "set " + Json.jsonPath(pointer) + ".verification_mode = schema without output_schema",
            d -> {
              Json.set(d, pointer + "/verification_mode", "schema");
              Json.remove(d, pointer + "/output_schema");
            }));
    if (unit.get("activation") instanceof ObjectNode) {
      for (String when : List.of("confidence_below_threshold", "budget_remaining")) {
        mutations.add(
            new Mutation(
                "set "
                    + Json.jsonPath(pointer)
                    + ".activation.when = "
                    + when
                    + " without threshold",
                d -> {
                  Json.set(d, pointer + "/activation/when", when);
                  Json.remove(d, pointer + "/activation/threshold");
                }));
      }
    }
  }

  private static Mutation set(String pointer, Object value) {
    JsonNode node = Json.value(value);
    String shown = Json.abbreviate(Json.write(node), 40);
    return new Mutation(
        "set " + Json.jsonPath(pointer) + " = " + shown,
        d -> Json.set(d, pointer, node.deepCopy()));
  }
}
