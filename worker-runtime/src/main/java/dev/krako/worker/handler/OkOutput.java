package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The start that every deterministic output shares with KORA's; public for handlers outside this
 * package.
 */
public final class OkOutput {

  private OkOutput() {}

  /**
   * Returns a new object holding {@code "status": "ok"} then {@code "task_id": taskId}. Handlers
   * append their own fields after these, in KORA's order, so the serialized bytes are stable.
   */
  public static ObjectNode forUnit(String taskId) {
    ObjectNode output = JsonNodeFactory.instance.objectNode();
    output.put("status", "ok");
    output.put("task_id", taskId);
    return output;
  }
}
