package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * What {@code quality_gate} asks of a mini skeleton's {@code slides}: how many, and which fields
 * each slide has.
 *
 * @param targetCount the number of slides expected
 * @param requiredFields the field names every slide must have (presence only)
 */
record SlideContract(BigInteger targetCount, List<String> requiredFields) {

  static final BigInteger DEFAULT_TARGET_COUNT = BigInteger.valueOf(18);
  static final List<String> DEFAULT_REQUIRED_FIELDS = List.of("i", "title", "msg", "bullets");

  SlideContract {
    requiredFields = List.copyOf(requiredFields);
  }

  /**
   * Reads {@code args.target_slide_count} (default 18) and {@code args.required_fields} (used when
   * it is a non-empty array, its null elements left out; else the default fields).
   *
   * @throws HandlerFailure if {@code target_slide_count} is not an integer
   */
  static SlideContract from(JsonNode args) throws HandlerFailure {
    Optional<JsonNode> target = JsonField.present(args, "target_slide_count");
    BigInteger targetCount =
        target.isPresent()
            ? IntegerArgument.parse("target_slide_count", target.get())
            : DEFAULT_TARGET_COUNT;
    List<String> fields =
        JsonField.present(args, "required_fields").filter(JsonNode::isArray).stream()
            .flatMap(array -> StreamSupport.stream(array.spliterator(), false))
            .filter(field -> !field.isNull())
            .map(KoraText::of)
            .toList();
    return new SlideContract(targetCount, fields.isEmpty() ? DEFAULT_REQUIRED_FIELDS : fields);
  }

  /** KORA's reason for the first way {@code slides}, an array, breaks the contract; if any. */
  Optional<String> firstViolation(JsonNode slides) {
    if (!BigInteger.valueOf(slides.size()).equals(targetCount)) {
      return Optional.of("slide_count_mismatch");
    }
    for (JsonNode slide : slides) {
      Optional<String> violation = violation(slide);
      if (violation.isPresent()) {
        return violation;
      }
    }
    return Optional.empty();
  }

  private Optional<String> violation(JsonNode slide) {
    if (!slide.isObject()) {
      return Optional.of("slide_not_object");
    }
    if (!requiredFields.stream().allMatch(slide::has)) {
      return Optional.of("slide_fields_missing");
    }
    // KORA checks bullets only when they are a required field.
    if (!requiredFields.contains("bullets")) {
      return Optional.empty();
    }
    JsonNode bullets = slide.get("bullets");
    if (!bullets.isArray()) {
      return Optional.of("bullets_not_array");
    }
    return bullets.size() > 1 ? Optional.of("bullets_too_many") : Optional.empty();
  }
}
