package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The reads KORA Task IR 0.1 needs beyond {@link Fields}, with the same violation rules. */
final class KoraFields {

  private KoraFields() {}

  static Optional<JsonNode> requiredObject(
      Fields fields, JsonNode object, String name, String path) {
    if (!object.hasNonNull(name)) {
      fields.add(ViolationCode.MISSING_FIELD, path + "." + name, "the field is required");
      return Optional.empty();
    }
    return fields.optionalObject(object, name, path);
  }

  static Optional<JsonNode> optionalArray(
      Fields fields, JsonNode object, String name, String path) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isArray()) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          path + "." + name,
          "expected an array, found " + Fields.kind(node));
      return Optional.empty();
    }
    return Optional.of(node);
  }

  /** The strings of an optional array; each element that is not a string is a violation. */
  static List<String> strings(
      Fields fields, JsonNode object, String name, String path, String what) {
    Optional<JsonNode> array = optionalArray(fields, object, name, path);
    List<String> strings = new ArrayList<>();
    if (array.isEmpty()) {
      return strings;
    }
    for (int i = 0; i < array.get().size(); i++) {
      JsonNode element = array.get().get(i);
      if (element.isTextual()) {
        strings.add(element.textValue());
      } else {
        fields.add(
            ViolationCode.WRONG_TYPE,
            path + "." + name + "[" + i + "]",
            "expected " + what + ", found " + Fields.kind(element));
      }
    }
    return strings;
  }

  /** An optional integer of any sign; null when absent. */
  static Long optionalLong(Fields fields, JsonNode object, String name, String path) {
    JsonNode node = object.get(name);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isIntegralNumber() || !node.canConvertToLong()) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          path + "." + name,
          "expected an integer, found " + Fields.kind(node));
      return null;
    }
    return node.longValue();
  }
}
