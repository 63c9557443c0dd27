package dev.krako.worker.execution;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * The {@code run: {handler, args}} of a {@code retrieval} or {@code small_model} unit, with the
 * unit's {@code input}: what its executor reads, checked.
 *
 * @param handler {@code run.handler}, or the executor's default when the run names none
 * @param args {@code run.args}, an object (empty when absent)
 * @param input the unit's {@code input}, an object (empty when absent)
 */
public record CpuRun(String handler, JsonNode args, JsonNode input) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads the run and input of {@code task}.
   *
   * @throws Invalid when either is not a JSON object, or {@code handler} is not a string
   */
  public static CpuRun read(UnitTask task, String defaultHandler) throws Invalid {
    JsonNode run = object(task.runJson(), "run");
    JsonNode input = object(task.inputJson(), "input");
    Optional<JsonNode> handler = present(run, "handler");
    if (handler.isPresent() && !handler.get().isTextual()) {
      throw new Invalid("run.handler must be a string, not " + handler.get());
    }
    JsonNode args = present(run, "args").orElse(JSON.createObjectNode());
    if (!args.isObject()) {
      throw new Invalid("run.args must be an object");
    }
    return new CpuRun(handler.map(JsonNode::textValue).orElse(defaultHandler), args, input);
  }

  /** {@code args.<name>} when present and not null. */
  public Optional<JsonNode> arg(String name) {
    return present(args, name);
  }

  /** {@code input.<name>} when present and not null. */
  public Optional<JsonNode> inputField(String name) {
    return present(input, name);
  }

  /** A field that is there and not JSON {@code null}: a null argument reads as an absent one. */
  private static Optional<JsonNode> present(JsonNode object, String name) {
    JsonNode value = object.path(name);
    return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  private static JsonNode object(String json, String what) throws Invalid {
    if (json == null || json.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(json);
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JSON.createObjectNode();
      }
      if (!node.isObject()) {
        throw new Invalid("the unit's " + what + " must be a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new Invalid("the unit's " + what + " is not JSON: " + e.getOriginalMessage());
    }
  }

  /** A run or input that its executor cannot use; a retry fails the same way. */
  public static final class Invalid extends Exception {

    private static final long serialVersionUID = 1L;

    public Invalid(String message) {
      super(message);
    }
  }
}
