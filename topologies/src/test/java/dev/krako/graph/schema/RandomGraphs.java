package dev.krako.graph.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Random TaskGraph 1.x documents that are valid under the contract: 1 to 6 units of every type in a
 * random DAG, with every optional field present, absent or null at random, unknown fields now and
 * then, and budgets large enough for any rule about them.
 */
final class RandomGraphs {

  private static final List<String> TYPES =
      List.of("deterministic", "retrieval", "small_model", "llm");
  private static final List<String> CONDITIONS =
      List.of("failure", "schema_mismatch", "confidence_below_threshold", "budget_remaining");

  private RandomGraphs() {}

  static Arbitrary<JsonNode> documents() {
    return Arbitraries.randomValue(RandomGraphs::document);
  }

  static JsonNode document(Random random) {
    Gen g = new Gen(random);
    ObjectNode root = Json.NODES.objectNode();
    root.put("schema_version", "1." + random.nextInt(20));
    root.put("graph_id", g.id(1 + random.nextInt(128)));
    root.put("request_id", g.id(1 + random.nextInt(20)));
    root.put("tenant_id", g.id(1 + random.nextInt(20)));
    root.put("created_at", g.timestamp());
    ObjectNode budgets = root.putObject("budgets");
    budgets.put("max_llm_calls", 1_000);
    budgets.put("max_cpu_units", 1_000);
    budgets.put("max_tokens", 10_000_000L);
    budgets.put("max_latency_ms", 3_600_000L);
    g.maybe(budgets, "max_cost_usd", () -> Json.NODES.numberNode(random.nextInt(10_000) / 100.0));
    g.maybe(
        root,
        "policies",
        () -> {
          ObjectNode policies = Json.NODES.objectNode();
          g.maybe(
              policies,
              "failure_policy",
              () -> Json.NODES.textNode(g.pick(List.of("fail_fast", "continue_on_error"))));
          return policies;
        });
    int count = 1 + random.nextInt(6);
    ArrayNode units = root.putArray("work_units");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add("u" + i);
      units.add(unit(g, i, ids.subList(0, i)));
    }
    g.maybe(
        root,
        "outputs",
        () -> {
          ObjectNode outputs = Json.NODES.objectNode();
          g.maybe(outputs, "final", () -> Json.NODES.textNode(g.pick(ids)));
          return outputs;
        });
    g.future(root);
    return root;
  }

  private static ObjectNode unit(Gen g, int index, List<String> earlier) {
    Random random = g.random;
    String type = g.pick(TYPES);
    boolean llm = type.equals("llm");
    ObjectNode unit = Json.NODES.objectNode();
    unit.put("id", "u" + index);
    unit.put("type", type);
    List<String> deps = new ArrayList<>();
    for (String id : earlier) {
      if (random.nextInt(3) == 0) {
        deps.add(id);
      }
    }
    if (!deps.isEmpty() || random.nextBoolean()) {
      ArrayNode array = unit.putArray("dependencies");
      deps.forEach(array::add);
    }
    g.maybe(unit, "input", () -> Json.NODES.objectNode().put("k", index));
    unit.set("run", llm ? llmRun(g) : cpuRun(g));
    g.maybe(
        unit,
        "constraints",
        () -> {
          ObjectNode c = Json.NODES.objectNode();
          g.maybe(
              c,
              "privacy",
              () ->
                  Json.NODES.textNode(
                      llm ? "allow_remote" : g.pick(List.of("local_only", "allow_remote"))));
          g.maybe(c, "local_only", () -> Json.NODES.booleanNode(!llm && random.nextBoolean()));
          g.maybe(
              c,
              "trusted_node_required",
              () -> Json.NODES.booleanNode(!llm && random.nextBoolean()));
          if (llm || type.equals("small_model")) {
            g.maybe(c, "budget_tokens", () -> Json.NODES.numberNode(random.nextInt(1_000)));
          }
          return c;
        });
    g.maybe(
        unit,
        "retries",
        () -> {
          ObjectNode r = Json.NODES.objectNode();
          r.put("max_attempts", 1 + random.nextInt(5));
          g.maybe(r, "backoff_ms", () -> Json.NODES.numberNode(random.nextInt(1_000)));
          return r;
        });
    g.maybe(
        unit,
        "timeouts",
        () -> {
          ObjectNode t = Json.NODES.objectNode();
          g.maybe(t, "dispatch_timeout_ms", () -> Json.NODES.numberNode(random.nextInt(10_000)));
          g.maybe(t, "run_timeout_ms", () -> Json.NODES.numberNode(random.nextInt(10_000)));
          return t;
        });
    g.maybe(unit, "idempotent", () -> Json.NODES.booleanNode(random.nextBoolean()));
    g.maybe(
        unit, "criticality", () -> Json.NODES.textNode(g.pick(List.of("low", "normal", "high"))));
    String mode = g.pick(List.of("none", "schema", "quorum", "recompute", "absent"));
    if (!mode.equals("absent")) {
      unit.put("verification_mode", mode);
    }
    if (mode.equals("schema")) {
      unit.set("output_schema", Json.NODES.objectNode().put("type", "object"));
    } else {
      g.maybe(unit, "output_schema", () -> Json.NODES.objectNode().put("type", "object"));
    }
    if (!deps.isEmpty() && random.nextInt(3) == 0) {
      ObjectNode activation = unit.putObject("activation");
      String when = g.pick(CONDITIONS);
      activation.put("when", when);
      activation.put("of", g.pick(deps));
      if (when.equals("confidence_below_threshold") || when.equals("budget_remaining")) {
        activation.put("threshold", random.nextInt(100) / 100.0);
      } else {
        g.maybe(activation, "threshold", () -> Json.NODES.numberNode(0.5));
      }
    }
    g.future(unit);
    return unit;
  }

  private static ObjectNode cpuRun(Gen g) {
    ObjectNode run = Json.NODES.objectNode();
    run.put("handler", g.pick(List.of("echo", "classify_simple", "quality_gate")));
    g.maybe(run, "args", Json.NODES::objectNode);
    return run;
  }

  private static ObjectNode llmRun(Gen g) {
    ObjectNode run = Json.NODES.objectNode();
    run.put("tier", g.pick(List.of("small", "medium", "large")));
    g.maybe(run, "model", () -> Json.NODES.textNode("model-" + g.random.nextInt(3)));
    int form = g.random.nextInt(3);
    if (form != 1) {
      run.put("prompt", "Say hello.");
    }
    if (form != 0) {
      run.putArray("messages").addObject().put("role", "user").put("content", "Hello.");
    }
    g.maybe(run, "max_tokens", () -> Json.NODES.numberNode(1 + g.random.nextInt(4_000)));
    return run;
  }

  /** Random choices, one source of randomness per document. */
  private record Gen(Random random) {

    <T> T pick(List<T> values) {
      return values.get(random.nextInt(values.size()));
    }

    /** Present (usually), absent, or null, which the validator reads as absent. */
    void maybe(ObjectNode object, String name, java.util.function.Supplier<JsonNode> value) {
      int roll = random.nextInt(10);
      if (roll < 5) {
        object.set(name, value.get());
      } else if (roll == 5) {
        object.set(name, NullNode.getInstance());
      }
    }

    /** A field a newer 1.x minor might add: allowed, and ignored by the validator. */
    void future(ObjectNode object) {
      if (random.nextInt(5) == 0) {
        object.putObject("x_future_" + random.nextInt(3)).put("added_in", "1.9");
      }
    }

    String id(int length) {
      String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.";
      StringBuilder id = new StringBuilder();
      for (int i = 0; i < length; i++) {
        id.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      return id.toString();
    }

    /** UTC, with Z, and 0 to 9 fraction digits. */
    String timestamp() {
      Instant instant = Instant.ofEpochSecond(1_700_000_000L + random.nextInt(100_000_000));
      String whole = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(instant.atOffset(ZoneOffset.UTC));
      int digits = random.nextInt(10);
      StringBuilder fraction = new StringBuilder(digits == 0 ? "" : ".");
      for (int i = 0; i < digits; i++) {
        fraction.append(random.nextInt(10));
      }
      return whole + fraction + "Z";
    }
  }
}
