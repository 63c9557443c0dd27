package dev.krako.worker.llm.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The simulated answer's counts and shape, for any question and any cap. */
class SimulatedAnswerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Property
  void korasMockCountsAndAnswerHoldForAnyQuestion(@ForAll("questions") String question)
      throws IOException {
    SimulatedAnswer answer =
        SimulatedAnswer.of(kora(question, null), SimulatedLlmPod.Reply.valid());

    int length = question.codePointCount(0, question.length());
    assertThat(answer.promptTokens()).isEqualTo(Math.max(1, length / 4));
    assertThat(answer.completionTokens()).isEqualTo(40);
    JsonNode content = JSON.readTree(answer.content());
    String expected =
        question
            .codePoints()
            .limit(80)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    assertThat(content.get("answer").asText()).isEqualTo("Mock answer for: " + expected);
    assertThat(content.get("task_id").asText()).isEqualTo("t");
  }

  @Property
  void aCapBelowFortyCutsTheAnswerAndKeepsOneJsonObject(
      @ForAll("questions") String question, @ForAll @IntRange(min = 1, max = 60) int cap)
      throws IOException {
    SimulatedAnswer full = SimulatedAnswer.of(kora(question, null), SimulatedLlmPod.Reply.valid());
    SimulatedAnswer cut = SimulatedAnswer.of(kora(question, cap), SimulatedLlmPod.Reply.valid());

    assertThat(cut.completionTokens()).isEqualTo(Math.min(40, cap));
    assertThat(cut.finishReason()).isEqualTo(cap < 40 ? "length" : "stop");
    JsonNode content = JSON.readTree(cut.content());
    assertThat(content.isObject()).isTrue();
    String fullAnswer = JSON.readTree(full.content()).get("answer").asText();
    assertThat(fullAnswer).startsWith(content.get("answer").asText());
    // The content is valid UTF-8 text: no astral character is cut in half.
    assertThat(new String(cut.content().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .isEqualTo(cut.content());
  }

  @Provide
  Arbitrary<String> questions() {
    Arbitrary<String> astral = Arbitraries.of("😀", "𝔘", "🎉", "𠀀");
    Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(3);
    return Arbitraries.oneOf(astral, plain)
        .list()
        .ofMaxSize(200)
        .map(parts -> String.join("", parts));
  }

  private static SimulatedRequest kora(String question, Integer maxTokens) {
    return new SimulatedRequest("(the prompt)", maxTokens, "t", question);
  }
}
