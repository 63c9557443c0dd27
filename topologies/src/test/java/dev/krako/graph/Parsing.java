package dev.krako.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.assertj.core.api.AbstractListAssert;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.groups.Tuple;

/** Parses test documents and unwraps the outcome with a readable failure when it is the other. */
final class Parsing {

  static final GraphParser PARSER = new GraphParser(IngressLimits.defaults());

  private Parsing() {}

  static ParseOutcome parse(GraphJson document) {
    return PARSER.parse(document.bytes());
  }

  static ParseOutcome parse(String document) {
    return PARSER.parse(document.getBytes(StandardCharsets.UTF_8));
  }

  static TaskGraph accepted(ParseOutcome outcome) {
    assertThat(outcome).as("the outcome %s", outcome).isInstanceOf(ParseOutcome.Accepted.class);
    return ((ParseOutcome.Accepted) outcome).graph();
  }

  static ParseOutcome.Rejected rejected(ParseOutcome outcome) {
    assertThat(outcome).as("the outcome %s", outcome).isInstanceOf(ParseOutcome.Rejected.class);
    return (ParseOutcome.Rejected) outcome;
  }

  static List<Violation> violations(ParseOutcome outcome) {
    return rejected(outcome).violations();
  }

  /** The (code, path) pairs of a rejection, to compare with {@code tuple(code, path)}. */
  static AbstractListAssert<?, List<? extends Tuple>, Tuple, ObjectAssert<Tuple>> assertViolations(
      ParseOutcome outcome) {
    List<Violation> violations = violations(outcome);
    return assertThat(violations)
        .as("the violations %s", violations)
        .extracting(Violation::code, Violation::path);
  }
}
