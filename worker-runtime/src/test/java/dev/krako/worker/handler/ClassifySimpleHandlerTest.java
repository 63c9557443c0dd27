package dev.krako.worker.handler;

import static dev.krako.worker.handler.Invocations.unit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ClassifySimpleHandlerTest {

  private static final String GRINNING_FACE = new String(Character.toChars(0x1F600));

  private final ClassifySimpleHandler handler = new ClassifySimpleHandler();

  @ParameterizedTest(name = "{0} code points of ''{1}'' -> is_simple {2}")
  @CsvSource({"79, a, true", "80, a, false", "81, a, false", "0, a, true"})
  void isSimpleBelowEightyCodePoints(int length, String unit, boolean simple) {
    assertThat(isSimple(unit.repeat(length))).isEqualTo(simple);
  }

  @ParameterizedTest(name = "{0} astral-plane characters -> is_simple {1}")
  @CsvSource({"79, true", "80, false", "81, false"})
  void countsAnAstralPlaneCharacterOnce(int length, boolean simple) {
    String text = GRINNING_FACE.repeat(length);

    assertThat(text.length()).isEqualTo(2 * length);
    assertThat(isSimple(text)).isEqualTo(simple);
  }

  @Test
  void countsMixedTextByCodePoints() {
    assertThat(isSimple("a".repeat(78) + GRINNING_FACE)).isTrue();
    assertThat(isSimple("a".repeat(79) + GRINNING_FACE)).isFalse();
  }

  @Test
  void prefersTheInputTextToTheArgumentText() {
    ObjectNode output =
        handler.handle(
            unit("t1")
                .input("{'text': 'short'}")
                .args("{'text': '" + "x".repeat(90) + "'}")
                .build());

    assertThat(output.toString())
        .isEqualTo("{\"status\":\"ok\",\"task_id\":\"t1\",\"is_simple\":true}");
  }

  @Test
  void fallsBackToTheArgumentTextThenToEmpty() {
    assertThat(
            handler
                .handle(unit("t1").args("{'text': '" + "x".repeat(90) + "'}").build())
                .get("is_simple")
                .booleanValue())
        .isFalse();
    assertThat(handler.handle(unit("t1").build()).get("is_simple").booleanValue()).isTrue();
  }

  @Test
  void readsANullInputTextAsAbsent() {
    ObjectNode output =
        handler.handle(
            unit("t1").input("{'text': null}").args("{'text': '" + "x".repeat(90) + "'}").build());

    assertThat(output.get("is_simple").booleanValue()).isFalse();
  }

  @Test
  void measuresANonStringTextByItsRendering() {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.put("text", 1234567890L);

    assertThat(handler.handle(unit("t1").input(input).build()).get("is_simple").booleanValue())
        .isTrue();
  }

  private boolean isSimple(String text) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("text", text);
    return handler.handle(unit("t1").input(input).build()).get("is_simple").booleanValue();
  }
}
