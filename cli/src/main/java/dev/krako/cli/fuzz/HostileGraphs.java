package dev.krako.cli.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded source of hostile records for the graph topic: random bytes, truncated and deeply nested
 * JSON, huge arrays, 10 MB documents, wrong types, cycles, missing fields, duplicate keys, invalid
 * UTF-8 and Unicode edge cases, hostile numbers, tombstones — and good graphs to send among them.
 * The same seed gives the same records, so a failure can be replayed.
 *
 * <p>Each record says what must happen to it ({@link Expectation}): most must be rejected; a few
 * (Unicode in free-text fields, hostile numbers in optional places) may be valid or not, but must
 * meet exactly one fate; the good ones must complete.
 */
public final class HostileGraphs {

  /** The tenant of the hostile graphs. */
  public static final String TENANT = "tenant-fuzz";

  /**
   * The tenant of the good graphs: another one, so that they show what the admission's per-tenant
   * fairness promises (docs/capacity.md) — one tenant's flood does not stop another's work.
   */
  public static final String GOOD_TENANT = "tenant-fuzz-good";

  /** What a record must come to. */
  public enum Expectation {
    /** A rejection naming at least one violation. */
    REJECTED,
    /** A session that completes. */
    COMPLETED,
    /** Exactly one of: a rejection, or a session with a result. */
    ONE_FATE
  }

  /**
   * One record to publish.
   *
   * @param requestId the request id written into the document (null when the document has none that
   *     could be read); a session, if any, is that of (tenant, requestId)
   */
  public record Hostile(
      String category, byte[] value, String tenant, String requestId, Expectation expected) {}

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final String LONE_SURROGATE = "@lone-surrogate@";

  /** A 10 MB document is costly to build and to ship: one in this many records. */
  private static final int TEN_MB_EVERY = 2_500;

  private static final String[] CATEGORIES = {
    "random_bytes",
    "truncated_json",
    "deep_nesting",
    "huge_array",
    "wrong_type",
    "cycle",
    "missing_field",
    "duplicate_key",
    "invalid_utf8",
    "unicode_edge",
    "hostile_number",
    "negative_budget",
    "unknown_type",
    "unknown_dependency",
    "not_an_object",
    "kora_without_tenant",
    "tombstone"
  };

  private final Random random;
  private final String runId;
  private int produced;
  private int goodProduced;

  /**
   * @param seed the generator's seed
   * @param runId makes request ids unique across runs on one deployment (a re-run of the same seed
   *     would otherwise be answered DUPLICATE_REQUEST)
   */
  public HostileGraphs(long seed, String runId) {
    this.random = new Random(seed);
    this.runId = runId;
  }

  /** The next hostile record. */
  public Hostile next() {
    int n = produced++;
    String requestId = "fuzz-" + runId + "-" + n;
    if (n % TEN_MB_EVERY == TEN_MB_EVERY - 1) {
      return tenMegabytes(requestId);
    }
    String category = CATEGORIES[random.nextInt(CATEGORIES.length)];
    return switch (category) {
      case "random_bytes" -> randomBytes();
      case "truncated_json" -> truncated(requestId);
      case "deep_nesting" -> deepNesting();
      case "huge_array" -> hugeArray(requestId);
      case "wrong_type" -> wrongType(requestId);
      case "cycle" -> cycle(requestId);
      case "missing_field" -> missingField(requestId);
      case "duplicate_key" -> duplicateKey(requestId);
      case "invalid_utf8" -> invalidUtf8(requestId);
      case "unicode_edge" -> unicodeEdge(requestId);
      case "hostile_number" -> hostileNumber(requestId);
      case "negative_budget" -> negativeBudget(requestId);
      case "unknown_type" -> unknownType(requestId);
      case "unknown_dependency" -> unknownDependency(requestId);
      case "not_an_object" -> notAnObject();
      case "kora_without_tenant" -> koraWithoutTenant(requestId);
      default -> new Hostile("tombstone", null, TENANT, null, Expectation.REJECTED);
    };
  }

  /** A good graph, sent among the hostile ones: it must complete. */
  public Hostile good(String category) {
    String requestId = "fuzz-" + runId + "-good-" + goodProduced++;
    return new Hostile(
        category,
        bytes(validGraph(GOOD_TENANT, requestId, 1 + random.nextInt(4))),
        GOOD_TENANT,
        requestId,
        Expectation.COMPLETED);
  }

  /**
   * A valid graph: a small random DAG of deterministic units that always complete. Its latency
   * budget is generous: during a storm it may wait behind thousands of records, and what is tested
   * is that it gets through, not how fast.
   */
  public ObjectNode validGraph(String requestId, int units) {
    return validGraph(TENANT, requestId, units);
  }

  private ObjectNode validGraph(String tenant, String requestId, int units) {
    ObjectNode g = NODES.objectNode();
    g.put("schema_version", "1." + random.nextInt(3));
    g.put("graph_id", "g-" + requestId);
    g.put("request_id", requestId);
    g.put("tenant_id", tenant);
    g.put("created_at", "2026-11-27T00:00:00Z");
    ObjectNode budgets = g.putObject("budgets");
    budgets.put("max_llm_calls", 0);
    budgets.put("max_cpu_units", units * 2);
    budgets.put("max_tokens", 0);
    budgets.put("max_latency_ms", 900_000);
    ArrayNode list = g.putArray("work_units");
    for (int i = 0; i < units; i++) {
      ObjectNode u = list.addObject();
      u.put("id", "u" + i);
      u.put("type", "deterministic");
      ArrayNode deps = u.putArray("dependencies");
      for (int d = 0; d < i; d++) {
        if (random.nextInt(3) == 0) {
          deps.add("u" + d);
        }
      }
      u.putObject("input").put("message", "fuzz " + i);
      u.putObject("run").put("handler", "echo");
    }
    return g;
  }

  private Hostile randomBytes() {
    byte[] value = new byte[random.nextInt(4_096)];
    random.nextBytes(value);
    return new Hostile("random_bytes", value, TENANT, null, Expectation.REJECTED);
  }

  private Hostile truncated(String requestId) {
    byte[] whole = bytes(validGraph(requestId, 1));
    // Any proper prefix of a JSON object without trailing blanks is incomplete.
    byte[] value = Arrays.copyOf(whole, random.nextInt(whole.length));
    return new Hostile("truncated_json", value, TENANT, requestId, Expectation.REJECTED);
  }

  private Hostile deepNesting() {
    // Mostly just past the depth limit; now and then far past it (and past the size limit).
    int depth = 65 + random.nextInt(random.nextInt(50) == 0 ? 200_000 : 2_000);
    boolean objects = random.nextBoolean();
    boolean balanced = random.nextBoolean();
    StringBuilder s = new StringBuilder(depth * 6);
    for (int i = 0; i < depth; i++) {
      s.append(objects ? "{\"a\":" : "[");
    }
    s.append("1");
    if (balanced) {
      s.append((objects ? "}" : "]").repeat(depth));
    }
    return new Hostile(
        "deep_nesting",
        s.toString().getBytes(StandardCharsets.UTF_8),
        TENANT,
        null,
        Expectation.REJECTED);
  }

  private Hostile hugeArray(String requestId) {
    ObjectNode g = validGraph(requestId, 1);
    // Past the cap; now and then by far (a document over the size limit too).
    int size = 1_001 + random.nextInt(random.nextInt(50) == 0 ? 20_000 : 1_000);
    if (random.nextBoolean()) {
      // More work units than the cap.
      ArrayNode list = g.putArray("work_units");
      for (int i = 0; i < size; i++) {
        ObjectNode u = list.addObject();
        u.put("id", "u" + i);
        u.put("type", "deterministic");
        u.putObject("run").put("handler", "echo");
      }
    } else {
      // A dependency list of unknown ids, as long as the cap allows.
      ArrayNode deps = ((ObjectNode) g.get("work_units").get(0)).putArray("dependencies");
      for (int i = 0; i < size; i++) {
        deps.add("ghost-" + i);
      }
    }
    return json("huge_array", g, requestId, Expectation.REJECTED);
  }

  private Hostile tenMegabytes(String requestId) {
    ObjectNode g = validGraph(requestId, 1);
    g.put("pad", "x".repeat(10 * 1024 * 1024));
    return json("ten_megabytes", g, requestId, Expectation.REJECTED);
  }

  /** Replaces a required field (or a typed unit field) by a value of another JSON type. */
  private Hostile wrongType(String requestId) {
    ObjectNode g = validGraph(requestId, 1);
    ObjectNode unit = (ObjectNode) g.get("work_units").get(0);
    ObjectNode budgets = (ObjectNode) g.get("budgets");
    ObjectNode[] owners = {g, g, g, g, g, budgets, budgets, unit, unit, unit, unit, unit, g};
    String[] fields = {
      "schema_version",
      "graph_id",
      "request_id",
      "tenant_id",
      "created_at",
      "max_tokens",
      "max_latency_ms",
      "id",
      "type",
      "dependencies",
      "input",
      "run",
      "work_units"
    };
    int pick = random.nextInt(fields.length);
    JsonNode current = owners[pick].get(fields[pick]);
    owners[pick].set(fields[pick], otherType(current));
    return json("wrong_type", g, requestId, Expectation.REJECTED);
  }

  private JsonNode otherType(JsonNode current) {
    List<JsonNode> candidates = new ArrayList<>();
    if (!current.isTextual()) {
      candidates.add(NODES.textNode("🙃"));
    }
    if (!current.isNumber()) {
      candidates.add(NODES.numberNode(random.nextInt(1_000)));
    }
    if (!current.isArray()) {
      candidates.add(NODES.arrayNode().add(1).add("two"));
    }
    if (!current.isObject()) {
      candidates.add(NODES.objectNode().put("nested", true));
    }
    if (!current.isBoolean()) {
      candidates.add(NODES.booleanNode(random.nextBoolean()));
    }
    return candidates.get(random.nextInt(candidates.size()));
  }

  private Hostile cycle(String requestId) {
    ObjectNode g = validGraph(requestId, 1);
    ArrayNode list = g.putArray("work_units");
    int n = 2 + random.nextInt(6);
    for (int i = 0; i < n; i++) {
      ObjectNode u = list.addObject();
      u.put("id", "u" + i);
      u.put("type", "deterministic");
      // u(i) depends on u(i-1); u0 closes the loop on the last, or on itself.
      u.putArray("dependencies").add("u" + (i == 0 ? (random.nextBoolean() ? n - 1 : 0) : i - 1));
      u.putObject("run").put("handler", "echo");
    }
    return json("cycle", g, requestId, Expectation.REJECTED);
  }

  private Hostile missingField(String requestId) {
    ObjectNode g = validGraph(requestId, 1);
    String[] required = {
      "schema_version", "graph_id", "request_id", "tenant_id", "created_at", "budgets", "work_units"
    };
    String field = required[random.nextInt(required.length)];
    if (random.nextInt(4) == 0) {
      ((ObjectNode) g.get("work_units").get(0)).remove(random.nextBoolean() ? "id" : "type");
    } else if (random.nextInt(3) == 0) {
      ((ObjectNode) g.get("budgets")).remove("max_latency_ms");
    } else {
      g.remove(field);
    }
    // Without its request id the document names no session: nothing to look for but a rejection.
    return json(
        "missing_field",
        g,
        g.has("request_id") && g.has("tenant_id") ? requestId : null,
        Expectation.REJECTED);
  }

  private Hostile duplicateKey(String requestId) {
    String doc = text(validGraph(requestId, 1));
    String[] keys = {"\"graph_id\":", "\"budgets\":", "\"work_units\":", "\"tenant_id\":"};
    String key = keys[random.nextInt(keys.length)];
    int at = doc.indexOf(key);
    String duplicated = doc.substring(0, at) + key + "\"again\"," + doc.substring(at);
    return new Hostile(
        "duplicate_key",
        duplicated.getBytes(StandardCharsets.UTF_8),
        TENANT,
        requestId,
        Expectation.REJECTED);
  }

  private Hostile invalidUtf8(String requestId) {
    byte[] doc = bytes(validGraph(requestId, 1));
    byte[][] poisons = {
      {(byte) 0xC0, (byte) 0x80}, // overlong NUL
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // an encoded surrogate
      {(byte) 0xFF},
      {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // 5-byte form
      {(byte) 0xE2, (byte) 0x82} // truncated sequence
    };
    byte[] poison = poisons[random.nextInt(poisons.length)];
    // Inside the graph id's value, so that only the encoding is wrong.
    int at = indexOf(doc, "\"g-".getBytes(StandardCharsets.UTF_8)) + 1;
    byte[] value = new byte[doc.length + poison.length];
    System.arraycopy(doc, 0, value, 0, at);
    System.arraycopy(poison, 0, value, at, poison.length);
    System.arraycopy(doc, at, value, at + poison.length, doc.length - at);
    return new Hostile("invalid_utf8", value, TENANT, requestId, Expectation.REJECTED);
  }

  /** Valid JSON whose text values are Unicode edge cases: valid or not, one fate. */
  private Hostile unicodeEdge(String requestId) {
    String[] edges = {
      "\u202Eevil\u202C", // right-to-left override
      "zero\u200Bwidth\u200D",
      "😀👩‍👩‍👧‍👦",
      "nul\u0000byte",
      "\uFEFFbom",
      "e\u0301", // a combining accent
      LONE_SURROGATE,
      "\uFFFF\uFFFE",
      "x".repeat(129), // a graph id one code point too long
      "𝕏".repeat(128) // 128 code points, 256 chars
    };
    ObjectNode g = validGraph(requestId, 1);
    String edge = edges[random.nextInt(edges.length)];
    switch (random.nextInt(3)) {
      case 0 -> g.put("graph_id", edge);
      case 1 -> ((ObjectNode) g.get("work_units").get(0).get("input")).put("message", edge);
      default -> {
        ObjectNode unit = (ObjectNode) g.get("work_units").get(0);
        unit.put("id", edge);
      }
    }
    // A lone surrogate cannot be held in UTF-8 text: it is written as the JSON escape.
    byte[] value = text(g).replace(LONE_SURROGATE, "\\uD800").getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(5) == 0) {
      // A byte-order mark in front of the document.
      byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
      byte[] withBom = new byte[value.length + 3];
      System.arraycopy(bom, 0, withBom, 0, 3);
      System.arraycopy(value, 0, withBom, 3, value.length);
      value = withBom;
    }
    return new Hostile("unicode_edge", value, TENANT, requestId, Expectation.ONE_FATE);
  }

  private Hostile hostileNumber(String requestId) {
    String[] numbers = {
      "1e309",
      "-0",
      "99999999999999999999999999",
      "1.5",
      "-1",
      "0.0000001",
      "9223372036854775807",
      "-9223372036854775808"
    };
    String number = numbers[random.nextInt(numbers.length)];
    String[] places = {"\"max_tokens\":0", "\"max_latency_ms\":900000", "\"max_cpu_units\":"};
    String doc = text(validGraph(requestId, 1));
    String place = places[random.nextInt(places.length)];
    int at = doc.indexOf(place);
    int colon = doc.indexOf(':', at);
    int end = colon + 1;
    while (end < doc.length() && (Character.isDigit(doc.charAt(end)) || doc.charAt(end) == '-')) {
      end++;
    }
    String value = doc.substring(0, colon + 1) + number + doc.substring(end);
    return new Hostile(
        "hostile_number",
        value.getBytes(StandardCharsets.UTF_8),
        TENANT,
        requestId,
        Expectation.ONE_FATE);
  }

  private Hostile negativeBudget(String requestId) {
    ObjectNode g = validGraph(requestId, 1);
    String[] budgets = {"max_llm_calls", "max_cpu_units", "max_tokens", "max_latency_ms"};
    ((ObjectNode) g.get("budgets"))
        .put(budgets[random.nextInt(budgets.length)], -1 - random.nextInt(1_000));
    return json("negative_budget", g, requestId, Expectation.REJECTED);
  }

  private Hostile unknownType(String requestId) {
    ObjectNode g = validGraph(requestId, 1);
    String[] types = {"quantum", "LLM", "", "deterministic ", "shell"};
    ((ObjectNode) g.get("work_units").get(0)).put("type", types[random.nextInt(types.length)]);
    return json("unknown_type", g, requestId, Expectation.REJECTED);
  }

  private Hostile unknownDependency(String requestId) {
    ObjectNode g = validGraph(requestId, 1);
    ((ArrayNode) g.get("work_units").get(0).get("dependencies")).add("nobody");
    return json("unknown_dependency", g, requestId, Expectation.REJECTED);
  }

  private Hostile notAnObject() {
    String[] values = {"42", "\"a string\"", "[]", "[{\"graph_id\":\"x\"}]", "null", "true", ""};
    return new Hostile(
        "not_an_object",
        values[random.nextInt(values.length)].getBytes(StandardCharsets.UTF_8),
        TENANT,
        null,
        Expectation.REJECTED);
  }

  /** A KORA Task IR 0.1 graph sent without the tenant header it needs. */
  private Hostile koraWithoutTenant(String requestId) {
    ObjectNode g = NODES.objectNode();
    g.put("version", "0.1");
    g.put("graph_id", "kora-" + requestId);
    g.putObject("defaults").putObject("budget").put("max_time_ms", 1_000).put("max_tokens", 0);
    ObjectNode task = g.putArray("tasks").addObject();
    task.put("id", "t");
    task.putObject("run").put("kind", "det").putObject("spec").put("handler", "echo");
    return new Hostile("kora_without_tenant", bytes(g), TENANT, null, Expectation.REJECTED);
  }

  private static Hostile json(
      String category, ObjectNode g, String requestId, Expectation expected) {
    return new Hostile(category, bytes(g), TENANT, requestId, expected);
  }

  private static byte[] bytes(JsonNode node) {
    return text(node).getBytes(StandardCharsets.UTF_8);
  }

  private static String text(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalArgumentException("not found");
  }
}
