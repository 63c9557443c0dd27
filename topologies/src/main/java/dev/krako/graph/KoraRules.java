package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Folds KORA Task IR 0.1 {@code verify.rules} into JSON Schema, so one schema check gives KORA's
 * verdict: {@code required} (top-level keys present) becomes {@code required}; {@code range}
 * (top-level number within [min, max], a missing key passes) becomes {@code properties.<key>} with
 * {@code minimum} and {@code maximum}, which JSON Schema applies only to present keys.
 */
final class KoraRules {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private final Fields fields;
  private final Set<String> required = new LinkedHashSet<>();
  private final Map<String, ObjectNode> ranges = new LinkedHashMap<>();

  private KoraRules(Fields fields) {
    this.fields = fields;
  }

  /**
   * The schema parts of {@code verify.rules} at {@code path}: {@code {"required": [...]}} and
   * {@code {"properties": {...}}}, each only when a rule asks for it.
   */
  static List<ObjectNode> read(Fields fields, JsonNode verify, String path) {
    KoraRules rules = new KoraRules(fields);
    Optional<JsonNode> array = KoraFields.optionalArray(fields, verify, "rules", path);
    for (int i = 0; array.isPresent() && i < array.get().size(); i++) {
      rules.rule(array.get().get(i), path + ".rules[" + i + "]");
    }
    return rules.parts();
  }

  private void rule(JsonNode rule, String path) {
    if (!rule.isObject()) {
      fields.add(ViolationCode.WRONG_TYPE, path, "expected an object, found " + Fields.kind(rule));
      return;
    }
    Optional<String> kind = fields.requiredText(rule, "kind", path);
    if (kind.isEmpty()) {
      return;
    }
    switch (kind.get()) {
      case "required" -> {
        if (!rule.hasNonNull("paths")) {
          fields.add(ViolationCode.MISSING_FIELD, path + ".paths", "the field is required");
        }
        required.addAll(KoraFields.strings(fields, rule, "paths", path, "a top-level key"));
      }
      case "range" -> range(rule, path);
      default ->
          fields.add(
              ViolationCode.WRONG_TYPE,
              path + ".kind",
              "expected a rule kind required or range, found \"" + kind.get() + "\"");
    }
  }

  private void range(JsonNode rule, String path) {
    Optional<String> key = fields.requiredText(rule, "path", path);
    Optional<JsonNode> min = bound(rule, "min", path);
    Optional<JsonNode> max = bound(rule, "max", path);
    if (key.isEmpty()) {
      return;
    }
    ObjectNode bounds = ranges.computeIfAbsent(key.get(), k -> JSON.objectNode());
    // Two ranges on one key both hold: keep the tighter bound of each side.
    min.ifPresent(m -> tighten(bounds, "minimum", m, 1));
    max.ifPresent(m -> tighten(bounds, "maximum", m, -1));
  }

  private Optional<JsonNode> bound(JsonNode rule, String name, String path) {
    JsonNode node = rule.get(name);
    if (node == null || node.isNull()) {
      return Optional.empty();
    }
    if (!node.isNumber()) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          path + "." + name,
          "expected a number, found " + Fields.kind(node));
      return Optional.empty();
    }
    return Optional.of(node);
  }

  /** Sets {@code name} to {@code value} unless the present bound is already tighter. */
  private static void tighten(ObjectNode bounds, String name, JsonNode value, int tighterSign) {
    JsonNode present = bounds.get(name);
    if (present == null
        || Integer.signum(value.decimalValue().compareTo(present.decimalValue())) == tighterSign) {
      bounds.set(name, value.deepCopy());
    }
  }

  private List<ObjectNode> parts() {
    List<ObjectNode> parts = new ArrayList<>();
    if (!required.isEmpty()) {
      ObjectNode part = JSON.objectNode();
      required.forEach(part.putArray("required")::add);
      parts.add(part);
    }
    if (!ranges.isEmpty()) {
      ObjectNode part = JSON.objectNode();
      ObjectNode properties = part.putObject("properties");
      ranges.forEach(properties::set);
      parts.add(part);
    }
    return parts;
  }
}
