package dev.krako.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/**
 * Builds TaskGraph 1.x documents for tests: a valid document by default, changed one field at a
 * time with dotted paths ({@code with("budgets.max_tokens", -1)}), so each test shows only what it
 * is about.
 */
public final class GraphJson {

  static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode root;

  private GraphJson(ObjectNode root) {
    this.root = root;
  }

  /** A valid graph with these units and every required field set. */
  public static GraphJson graph(UnitJson... units) {
    ObjectNode root = JSON.createObjectNode();
    root.put("schema_version", "1.0");
    root.put("graph_id", "g-1");
    root.put("request_id", "r-1");
    root.put("tenant_id", "t-1");
    root.put("created_at", "2026-01-01T00:00:00Z");
    ObjectNode budgets = root.putObject("budgets");
    budgets.put("max_llm_calls", 10_000);
    budgets.put("max_cpu_units", 10_000);
    budgets.put("max_tokens", 10_000);
    budgets.put("max_latency_ms", 60_000);
    ArrayNode array = root.putArray("work_units");
    for (UnitJson unit : units) {
      array.add(unit.node());
    }
    return new GraphJson(root);
  }

  /** Sets a field; the dotted path creates objects on its way. */
  public GraphJson with(String dottedPath, Object value) {
    set(root, dottedPath, value);
    return this;
  }

  /** Removes a field, so it is absent rather than null. */
  public GraphJson without(String dottedPath) {
    remove(root, dottedPath);
    return this;
  }

  public ObjectNode node() {
    return root;
  }

  public String text() {
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public byte[] bytes() {
    return text().getBytes(StandardCharsets.UTF_8);
  }

  static void set(ObjectNode object, String dottedPath, Object value) {
    int dot = dottedPath.indexOf('.');
    if (dot < 0) {
      object.set(dottedPath, value instanceof JsonNode node ? node : JSON.valueToTree(value));
      return;
    }
    String head = dottedPath.substring(0, dot);
    JsonNode child = object.get(head);
    ObjectNode next = child instanceof ObjectNode o ? o : object.putObject(head);
    set(next, dottedPath.substring(dot + 1), value);
  }

  static void remove(ObjectNode object, String dottedPath) {
    int dot = dottedPath.indexOf('.');
    if (dot < 0) {
      object.remove(dottedPath);
      return;
    }
    if (object.get(dottedPath.substring(0, dot)) instanceof ObjectNode child) {
      remove(child, dottedPath.substring(dot + 1));
    }
  }
}
