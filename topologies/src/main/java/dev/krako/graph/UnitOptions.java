package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Reads a unit's optional settings: criticality, verification, activation, dispatch timeout. */
final class UnitOptions {

  private final Fields fields;

  UnitOptions(Fields fields) {
    this.fields = fields;
  }

  Criticality criticality(JsonNode unit, String path) {
    return fields
        .optionalText(unit, "criticality", path)
        .map(name -> oneOf(Criticality.class, name, path + ".criticality", Criticality.NORMAL))
        .orElse(Criticality.NORMAL);
  }

  VerificationMode verificationMode(JsonNode unit, String path, boolean hasOutputSchema) {
    VerificationMode mode =
        fields
            .optionalText(unit, "verification_mode", path)
            .map(
                n ->
                    oneOf(
                        VerificationMode.class,
                        n,
                        path + ".verification_mode",
                        VerificationMode.NONE))
            .orElse(VerificationMode.NONE);
    if (mode == VerificationMode.SCHEMA && !hasOutputSchema) {
      fields.add(
          ViolationCode.MISSING_FIELD,
          path + ".output_schema",
          "verification_mode schema needs an output_schema to check against");
    }
    return mode;
  }

  Long dispatchTimeout(JsonNode unit, String path) {
    // WorkUnitReader already reports a timeouts value that is not an object.
    JsonNode timeouts = unit.get("timeouts");
    if (timeouts == null || !timeouts.isObject() || !timeouts.hasNonNull("dispatch_timeout_ms")) {
      return null;
    }
    return fields
        .nonNegativeLong(
            timeouts, "dispatch_timeout_ms", path + ".timeouts", ViolationCode.WRONG_TYPE)
        .orElse(null);
  }

  /** The activation of an escalation step; {@code of} must be one of its dependencies. */
  Activation activation(JsonNode unit, String path, List<String> dependencies) {
    Optional<JsonNode> node = fields.optionalObject(unit, "activation", path);
    if (node.isEmpty()) {
      return null;
    }
    String at = path + ".activation";
    Optional<Activation.Condition> when =
        fields.requiredText(node.get(), "when", at).flatMap(w -> condition(w, at));
    Optional<String> of = fields.requiredText(node.get(), "of", at);
    of.filter(o -> !dependencies.contains(o))
        .ifPresent(
            o ->
                fields.add(
                    ViolationCode.UNKNOWN_DEPENDENCY,
                    at + ".of",
                    "\""
                        + o
                        + "\" is not a dependency of this unit; an activation watches a dependency"));
    Double threshold = threshold(node.get(), at, when.orElse(null));
    if (when.isEmpty() || of.isEmpty()) {
      return null;
    }
    return new Activation(when.get(), of.get(), threshold);
  }

  private Optional<Activation.Condition> condition(String name, String at) {
    for (Activation.Condition c : Activation.Condition.values()) {
      if (c.wireName().equals(name)) {
        return Optional.of(c);
      }
    }
    fields.add(
        ViolationCode.WRONG_TYPE,
        at + ".when",
        "expected failure, schema_mismatch, "
            + "confidence_below_threshold or budget_remaining, found \""
            + name
            + "\"");
    return Optional.empty();
  }

  private Double threshold(JsonNode activation, String at, Activation.Condition when) {
    JsonNode threshold = activation.get("threshold");
    if (threshold == null || threshold.isNull()) {
      if (when != null && when.needsThreshold()) {
        fields.add(
            ViolationCode.MISSING_FIELD, at + ".threshold", when.wireName() + " needs a threshold");
      }
      return null;
    }
    if (!threshold.isNumber()) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          at + ".threshold",
          "expected a number, found " + Fields.kind(threshold));
      return null;
    }
    return threshold.doubleValue();
  }

  private <E extends Enum<E>> E oneOf(Class<E> type, String name, String at, E fallback) {
    for (E value : type.getEnumConstants()) {
      if (value.name().toLowerCase(Locale.ROOT).equals(name)) {
        return value;
      }
    }
    fields.add(
        ViolationCode.WRONG_TYPE,
        at,
        "\""
            + name
            + "\" is not one of "
            + java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(Locale.ROOT))
                .toList());
    return fallback;
  }
}
