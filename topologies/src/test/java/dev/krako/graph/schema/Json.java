package dev.krako.graph.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * JSON helpers for the schema-sync tests. Paths are JSON Pointers ({@code /work_units/1/id}); no
 * key used here contains {@code /} or {@code ~}, so segments need no escaping.
 */
final class Json {

  /** Jackson as its defaults read JSON: what a JSON Schema implementation sees. */
  static final ObjectMapper MAPPER = new ObjectMapper();

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  static JsonNode parse(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode value(Object value) {
    return value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
  }

  /** The node at this pointer, if there is one (a JSON null is a node). */
  static Optional<JsonNode> at(JsonNode document, String pointer) {
    JsonNode node = document.at(pointer);
    return node.isMissingNode() ? Optional.empty() : Optional.of(node);
  }

  /** Sets the value at the pointer, creating (or replacing non-objects by) objects on the way. */
  static void set(JsonNode document, String pointer, Object value) {
    List<String> segments = segments(pointer);
    JsonNode parent = document;
    for (String segment : segments.subList(0, segments.size() - 1)) {
      if (parent instanceof ArrayNode array) {
        parent = array.get(Integer.parseInt(segment));
      } else {
        ObjectNode object = (ObjectNode) parent;
        JsonNode child = object.get(segment);
        parent =
            child instanceof ObjectNode || child instanceof ArrayNode
                ? child
                : object.putObject(segment);
      }
    }
    String last = segments.get(segments.size() - 1);
    if (parent instanceof ArrayNode array) {
      array.set(Integer.parseInt(last), value(value));
    } else {
      ((ObjectNode) parent).set(last, value(value));
    }
  }

  /** Removes the field at the pointer, if its parent is an object that has it. */
  static void remove(JsonNode document, String pointer) {
    List<String> segments = segments(pointer);
    String parentPointer =
        segments.size() == 1
            ? ""
            : "/" + String.join("/", segments.subList(0, segments.size() - 1));
    if (document.at(parentPointer) instanceof ObjectNode parent) {
      parent.remove(segments.get(segments.size() - 1));
    }
  }

  /** {@code /work_units/1/retries} as the validator writes it: {@code $.work_units[1].retries}. */
  static String jsonPath(String pointer) {
    StringBuilder path = new StringBuilder("$");
    for (String segment : segments(pointer)) {
      if (segment.chars().allMatch(Character::isDigit) && !segment.isEmpty()) {
        path.append('[').append(segment).append(']');
      } else {
        path.append('.').append(segment);
      }
    }
    return path.toString();
  }

  private static List<String> segments(String pointer) {
    if (pointer.isEmpty()) {
      return List.of();
    }
    if (!pointer.startsWith("/")) {
      throw new IllegalArgumentException("not a JSON Pointer: " + pointer);
    }
    return Arrays.asList(pointer.substring(1).split("/", -1));
  }

  /** The text, cut to a length that keeps a failure message readable. */
  static String abbreviate(String text, int max) {
    return text.length() <= max
        ? text
        : text.substring(0, max) + "… (" + (text.length() - max) + " more characters)";
  }
}
