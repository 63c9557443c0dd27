package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads typed fields out of a JSON object while collecting every violation with its path, so that
 * one pass over a document reports all that is wrong with it rather than the first thing.
 */
final class Fields {

  private final List<Violation> violations = new ArrayList<>();

  List<Violation> violations() {
    return violations;
  }

  void add(ViolationCode code, String path, String message) {
    violations.add(new Violation(code, path, message));
  }

  Optional<String> requiredText(JsonNode object, String name, String path) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      add(ViolationCode.MISSING_FIELD, path + "." + name, "the field is required");
      return Optional.empty();
    }
    return text(node, path + "." + name);
  }

  Optional<String> optionalText(JsonNode object, String name, String path) {
    JsonNode node = object.get(name);
    return node == null || node.isNull() ? Optional.empty() : text(node, path + "." + name);
  }

  private Optional<String> text(JsonNode node, String path) {
    if (!node.isTextual()) {
      add(ViolationCode.WRONG_TYPE, path, "expected a string, found " + kind(node));
      return Optional.empty();
    }
    return Optional.of(node.textValue());
  }

  /** A non-negative integer; a negative one is a {@code NEGATIVE_BUDGET} when it is a budget. */
  Optional<Long> nonNegativeLong(JsonNode object, String name, String path, ViolationCode ifNeg) {
    JsonNode node = object.get(name);
    String at = path + "." + name;
    if (node == null || node.isNull()) {
      add(ViolationCode.MISSING_FIELD, at, "the field is required");
      return Optional.empty();
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      add(ViolationCode.WRONG_TYPE, at, "expected an integer, found " + kind(node));
      return Optional.empty();
    }
    if (node.longValue() < 0) {
      add(ifNeg, at, "must be at least 0, found " + node.longValue());
      return Optional.empty();
    }
    return Optional.of(node.longValue());
  }

  Optional<JsonNode> optionalObject(JsonNode object, String name, String path) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isObject()) {
      add(ViolationCode.WRONG_TYPE, path + "." + name, "expected an object, found " + kind(node));
      return Optional.empty();
    }
    return Optional.of(node);
  }

  Optional<Boolean> optionalBoolean(JsonNode object, String name, String path) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isBoolean()) {
      add(ViolationCode.WRONG_TYPE, path + "." + name, "expected a boolean, found " + kind(node));
      return Optional.empty();
    }
    return Optional.of(node.booleanValue());
  }

  static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL, MISSING -> "null";
      case BINARY -> "binary data";
    };
  }
}
