package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/** Reads a field of an input or argument object. */
final class JsonField {

  private JsonField() {}

  /**
   * The field {@code name} of {@code object} when it is there and not JSON {@code null}; empty
   * otherwise, also when {@code object} is not an object. Handlers read a null argument as an
   * absent one, so that {@code "x": null} and no {@code x} mean the same.
   */
  static Optional<JsonNode> present(JsonNode object, String name) {
    JsonNode value = object.path(name);
    return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value);
  }
}
