package dev.krako.graph;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Builds one element of {@code $.work_units} for tests: valid by default, changed by path. */
public final class UnitJson {

  private final ObjectNode node;

  private UnitJson(ObjectNode node) {
    this.node = node;
  }

  /** A valid unit of this wire type, with a run spec that fits the type. */
  public static UnitJson unit(String id, String type, String... dependencies) {
    ObjectNode node = GraphJson.JSON.createObjectNode();
    node.put("id", id);
    node.put("type", type);
    ArrayNode deps = node.putArray("dependencies");
    for (String dependency : dependencies) {
      deps.add(dependency);
    }
    ObjectNode run = node.putObject("run");
    if (type.equals("llm")) {
      run.put("tier", "small");
      run.put("prompt", "Say hello.");
    } else {
      run.put("handler", "echo");
      run.putObject("args");
    }
    return new UnitJson(node);
  }

  public static UnitJson deterministic(String id, String... dependencies) {
    return unit(id, "deterministic", dependencies);
  }

  public static UnitJson llm(String id, String... dependencies) {
    return unit(id, "llm", dependencies);
  }

  public UnitJson with(String dottedPath, Object value) {
    GraphJson.set(node, dottedPath, value);
    return this;
  }

  public UnitJson without(String dottedPath) {
    GraphJson.remove(node, dottedPath);
    return this;
  }

  ObjectNode node() {
    return node;
  }
}
