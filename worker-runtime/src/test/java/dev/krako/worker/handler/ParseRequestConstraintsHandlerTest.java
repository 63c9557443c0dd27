package dev.krako.worker.handler;

import static dev.krako.worker.handler.Invocations.fieldNames;
import static dev.krako.worker.handler.Invocations.json;
import static dev.krako.worker.handler.Invocations.unit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParseRequestConstraintsHandlerTest {

  private final ParseRequestConstraintsHandler handler = new ParseRequestConstraintsHandler();

  @ParameterizedTest(name = "''{0}'' -> {1} slides")
  @CsvSource(
      delimiter = '|',
      value = {
        "Build a 12-slide deck | 12",
        "Build a 12 - slide deck | 12",
        "Build 12 slides on cost | 12",
        "Build 12 slide outline | 12",
        "Build a 12   -   slide deck | 12",
        "BUILD A 12-SLIDE DECK | 12",
        "A 12-slides deck | 12",
        "A 12 - slideshow | 12",
        "A 12 slider | 12",
        "Open with a 7-slide intro, then 12 slides | 7",
        "Version 2 of the 9 slides | 9",
        "007 slides | 7",
        "0 slides | 0",
        "12slides | 18",
        "twelve slides | 18",
        "slides: 12 | 18",
        "12 -- slide | 18",
        "a deck | 18",
      })
  void readsTheFirstSlideCountPhrase(String text, int slides) {
    assertThat(parse(text).get("slide_count")).isEqualTo(json(Integer.toString(slides)));
  }

  @Test
  void readsTabsAndNonAsciiDigitsAsKorasPythonRegexDoes() {
    assertThat(parse("12\tslides").get("slide_count").intValue()).isEqualTo(12);
    assertThat(parse("12\u00a0slides").get("slide_count").intValue()).isEqualTo(12);
    assertThat(parse("\u0661\u0662 slides").get("slide_count").intValue()).isEqualTo(12);
  }

  @Test
  void keepsSlideCountsBeyondIntAndLong() {
    assertThat(parse("99999999999 slides").get("slide_count").longValue())
        .isEqualTo(99_999_999_999L);
    assertThat(parse("123456789012345678901234567890 slides").get("slide_count").bigIntegerValue())
        .isEqualTo(new BigInteger("123456789012345678901234567890"));
  }

  @Test
  void defaultsToEighteenSlides() {
    assertThat(parse("").get("slide_count").intValue()).isEqualTo(18);
  }

  @Test
  void listsTopicsInTheFixedOrderWhateverTheTextOrder() {
    assertThat(topics("risk first, then the rollout, then architecture"))
        .containsExactly("architecture", "rollout_plan", "risk");
  }

  @Test
  void listsEachTopicOnce() {
    assertThat(topics("risk, risky, RISKS and risk")).containsExactly("risk");
  }

  @Test
  void matchesPhrasesAsCaseInsensitiveSubstrings() {
    assertThat(topics("MARKET CONTEXT, Benchmarks, recommendations, escalations"))
        .containsExactly("market_context", "escalation", "benchmarking", "recommendations");
    assertThat(topics("market  context")).containsExactly("strategy", "execution");
    assertThat(topics("rolloutplan")).containsExactly("rollout_plan");
  }

  @Test
  void keepsAtMostSixTopics() {
    String everything =
        "recommendation risk rollout benchmark escalation decomposition architecture market context";

    assertThat(topics(everything))
        .containsExactly(
            "market_context",
            "architecture",
            "decomposition",
            "escalation",
            "benchmarking",
            "rollout_plan");
  }

  @Test
  void defaultsToStrategyAndExecution() {
    assertThat(topics("a plain request")).containsExactly("strategy", "execution");
  }

  @Test
  void producesKorasFieldsInKorasOrder() {
    ObjectNode output = parse("A 5-slide deck on architecture");

    assertThat(fieldNames(output))
        .containsExactly(
            "status",
            "task_id",
            "intent",
            "deliverable_type",
            "slide_count",
            "required_components",
            "topic_domains");
    assertThat(output.toString())
        .isEqualTo(
            "{\"status\":\"ok\",\"task_id\":\"t1\",\"intent\":\"create_presentation_outline\","
                + "\"deliverable_type\":\"ppt_outline\",\"slide_count\":5,"
                + "\"required_components\":[\"title\",\"key_message\",\"bullets\","
                + "\"presenter_notes\"],\"topic_domains\":[\"architecture\"]}");
  }

  @Test
  void prefersTheInputTextToTheArgumentText() {
    ObjectNode output =
        handler.handle(
            unit("t1").input("{'text': '3 slides'}").args("{'text': '4 slides on risk'}").build());

    assertThat(output.get("slide_count").intValue()).isEqualTo(3);
    assertThat(output.get("topic_domains")).isEqualTo(json("['strategy', 'execution']"));
  }

  @Test
  void parsesTheRealWorkloadSampleRequest() {
    ObjectNode output =
        parse(
            "User asks for a concise summary of cost variance risks in an AI support assistant"
                + " rollout.");

    assertThat(output.get("slide_count").intValue()).isEqualTo(18);
    assertThat(topics(output)).containsExactly("rollout_plan", "risk");
  }

  private ObjectNode parse(String text) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("text", text);
    return handler.handle(unit("t1").input(input).build());
  }

  private List<String> topics(String text) {
    return topics(parse(text));
  }

  private static List<String> topics(ObjectNode output) {
    List<String> topics = new ArrayList<>();
    for (JsonNode topic : output.get("topic_domains")) {
      topics.add(topic.textValue());
    }
    return topics;
  }
}
