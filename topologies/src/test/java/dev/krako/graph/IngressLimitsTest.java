package dev.krako.graph;

import static dev.krako.graph.GraphJson.graph;
import static dev.krako.graph.Parsing.accepted;
import static dev.krako.graph.Parsing.assertViolations;
import static dev.krako.graph.Parsing.violations;
import static dev.krako.graph.UnitJson.deterministic;
import static dev.krako.graph.ViolationCode.TOO_LARGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** TOO_LARGE: the bounds that keep one record from exhausting memory or stack. */
final class IngressLimitsTest {

  private static final int ANY = 1 << 20;

  @Test
  void theDefaultsAreOneMebibyteAThousandUnitsAnd64Levels() {
    assertThat(IngressLimits.defaults()).isEqualTo(new IngressLimits(1_048_576, 1_000, 64));
  }

  @Test
  void aDocumentOverTheByteLimitIsTooLarge() {
    byte[] document = graph(deterministic("a")).bytes();
    GraphParser parser = new GraphParser(new IngressLimits(document.length - 1, 1_000, 64));

    var violations = violations(parser.parse(document));

    assertThat(violations)
        .extracting(Violation::code, Violation::path)
        .containsExactly(tuple(TOO_LARGE, "$"));
    assertThat(violations.get(0).message())
        .contains(Integer.toString(document.length))
        .contains(Integer.toString(document.length - 1));
  }

  @Test
  void aDocumentAtTheByteLimitIsAccepted() {
    byte[] document = graph(deterministic("a")).bytes();
    GraphParser parser = new GraphParser(new IngressLimits(document.length, 1_000, 64));

    accepted(parser.parse(document));
  }

  @Test
  void theByteLimitIsCheckedBeforeTheBytesAreParsed() {
    byte[] garbage = "not json at all".repeat(10).getBytes(StandardCharsets.UTF_8);
    GraphParser parser = new GraphParser(new IngressLimits(100, 1_000, 64));

    assertViolations(parser.parse(garbage)).containsExactly(tuple(TOO_LARGE, "$"));
  }

  @Test
  void moreUnitsThanTheLimitIsTooLarge() {
    GraphParser parser = new GraphParser(new IngressLimits(ANY, 3, 64));
    GraphJson document =
        graph(deterministic("a"), deterministic("b"), deterministic("c"), deterministic("d"));

    var violations = violations(parser.parse(document.bytes()));

    assertThat(violations)
        .extracting(Violation::code, Violation::path)
        .containsExactly(tuple(TOO_LARGE, "$.work_units"));
    assertThat(violations.get(0).message()).contains("4").contains("3");
  }

  @Test
  void asManyUnitsAsTheLimitIsAccepted() {
    GraphParser parser = new GraphParser(new IngressLimits(ANY, 3, 64));
    GraphJson document = graph(deterministic("a"), deterministic("b"), deterministic("c"));

    assertThat(accepted(parser.parse(document.bytes())).workUnits()).hasSize(3);
  }

  @Test
  void nestingDeeperThanTheLimitIsTooLarge() {
    // $ (1) > work_units (2) > unit (3) > input (4) > x (5) > x (6) > x (7)
    GraphParser parser = new GraphParser(new IngressLimits(ANY, 1_000, 6));
    GraphJson document =
        graph(deterministic("a").with("input", Map.of("x", Map.of("x", Map.of("x", Map.of())))));

    assertViolations(parser.parse(document.bytes())).containsExactly(tuple(TOO_LARGE, "$"));
  }

  @Test
  void nestingAtTheLimitIsAccepted() {
    // $ (1) > work_units (2) > unit (3) > input (4) > x (5) > x (6)
    GraphParser parser = new GraphParser(new IngressLimits(ANY, 1_000, 6));
    GraphJson document =
        graph(deterministic("a").with("input", Map.of("x", Map.of("x", Map.of("x", 1)))));

    assertThat(accepted(parser.parse(document.bytes())).workUnits().get(0).inputJson())
        .isEqualTo("{\"x\":{\"x\":{\"x\":1}}}");
  }

  @Test
  void deeplyNestedArraysAreTooLargeRatherThanAStackOverflow() {
    byte[] document = "[".repeat(100_000).getBytes(StandardCharsets.UTF_8);

    assertViolations(Parsing.PARSER.parse(document)).containsExactly(tuple(TOO_LARGE, "$"));
  }
}
