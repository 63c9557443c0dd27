package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * KORA's {@code echo}: {@code {status, task_id, message}} with {@code in.message}, else {@code
 * args.message}, else {@code null}. The message is copied as it is, whatever its JSON type.
 */
public final class EchoHandler implements DeterministicHandler {

  /** The handler's name in {@code run.spec.handler}. */
  public static final String NAME = "echo";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode handle(HandlerInvocation invocation) {
    JsonNode message =
        JsonField.present(invocation.input(), "message")
            .or(() -> JsonField.present(invocation.args(), "message"))
            .<JsonNode>map(JsonNode::deepCopy)
            .orElse(NullNode.getInstance());
    ObjectNode output = OkOutput.forUnit(invocation.workUnitId());
    output.set("message", message);
    return output;
  }
}
