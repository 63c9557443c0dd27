package dev.krako.graph.schema;

import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.Violation;
import dev.krako.graph.ViolationCode;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What the validator ({@link GraphParser}, the authority) makes of a document, split into the
 * violations the JSON Schema is meant to catch too (structural) and the ones it cannot express.
 */
record IngressVerdict(ParseOutcome outcome) {

  private static final GraphParser PARSER = new GraphParser(IngressLimits.defaults());

  /**
   * The codes of rules that a JSON Schema can state. {@code TOO_LARGE} is structural only for the
   * unit count ({@code maxItems}); for the byte size and the nesting depth it is not. {@code
   * NOT_AN_OBJECT} is the schema's top-level {@code type: object}.
   */
  static final Set<ViolationCode> STRUCTURAL =
      EnumSet.of(
          ViolationCode.NOT_AN_OBJECT,
          ViolationCode.MISSING_FIELD,
          ViolationCode.WRONG_TYPE,
          ViolationCode.UNSUPPORTED_SCHEMA_VERSION,
          ViolationCode.EMPTY_GRAPH,
          ViolationCode.NEGATIVE_BUDGET,
          ViolationCode.UNKNOWN_WORK_UNIT_TYPE,
          ViolationCode.PRIVACY_CONFLICT,
          ViolationCode.TOO_LARGE);

  static IngressVerdict of(byte[] document) {
    return new IngressVerdict(PARSER.parse(document));
  }

  static boolean isStructural(Violation violation) {
    if (violation.code() == ViolationCode.TOO_LARGE) {
      return violation.path().equals("$.work_units");
    }
    return STRUCTURAL.contains(violation.code());
  }

  boolean accepted() {
    return outcome instanceof ParseOutcome.Accepted;
  }

  List<Violation> violations() {
    return outcome instanceof ParseOutcome.Rejected rejected ? rejected.violations() : List.of();
  }

  List<Violation> structural() {
    return violations().stream().filter(IngressVerdict::isStructural).toList();
  }

  /** Violations of rules the schema cannot express (cross-record rules, document limits). */
  List<Violation> beyondSchema() {
    return violations().stream().filter(v -> !isStructural(v)).toList();
  }

  boolean structurallyValid() {
    return structural().isEmpty();
  }

  String describe() {
    if (accepted()) {
      return "accepted";
    }
    StringBuilder text = new StringBuilder("rejected with");
    violations()
        .forEach(
            v ->
                text.append("\n      ")
                    .append(isStructural(v) ? "[structural] " : "[beyond schema] ")
                    .append(v));
    return text.toString();
  }
}
