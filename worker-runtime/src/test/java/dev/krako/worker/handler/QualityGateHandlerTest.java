package dev.krako.worker.handler;

import static dev.krako.worker.handler.Invocations.json;
import static dev.krako.worker.handler.Invocations.unit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QualityGateHandlerTest {

  private static final String GOOD_SLIDE = "{'i': 1, 'title': 't', 'msg': 'm', 'bullets': ['b']}";

  private final QualityGateHandler handler = new QualityGateHandler();

  @Test
  void skipsTheFullCallWhenTheSkeletonSatisfiesTheContract() throws HandlerFailure {
    ObjectNode output = gate(skeleton(18, GOOD_SLIDE), "{}");

    assertThat(output.toString())
        .isEqualTo(
            "{\"status\":\"ok\",\"task_id\":\"gate\",\"message\":\"skip_full\","
                + "\"needs_refine\":false,\"reason\":\"mini_satisfies_contract\"}");
  }

  @Test
  void acceptsSlidesWithNoBullet() throws HandlerFailure {
    String noBullet = "{'i': 1, 'title': 't', 'msg': 'm', 'bullets': []}";

    assertThat(reason(gate(skeleton(18, noBullet), "{}"))).isEqualTo("mini_satisfies_contract");
  }

  @Test
  void runsFullWhenTheSkeletonHasNoSlidesArray() throws HandlerFailure {
    ObjectNode output = gate(json("{'answer': 'text'}"), "{}");

    assertThat(output.toString())
        .isEqualTo(
            "{\"status\":\"ok\",\"task_id\":\"gate\",\"message\":\"run_full\","
                + "\"needs_refine\":true,\"reason\":\"mini_missing_slides\"}");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{'slides': null}", "{'slides': {}}", "{'slides': 'x'}", "[]", "'x'"})
  void readsAnythingButASlidesArrayAsMissing(String dependencyOutput) throws HandlerFailure {
    assertThat(reason(gate(json(dependencyOutput), "{}"))).isEqualTo("mini_missing_slides");
  }

  @Test
  void readsAMissingDependencyOutputAsMissingSlides() throws HandlerFailure {
    assertThat(reason(handler.handle(unit("gate").build()))).isEqualTo("mini_missing_slides");
    assertThat(reason(handler.handle(unit("gate").dependsOn("mini").build())))
        .isEqualTo("mini_missing_slides");
  }

  @Test
  void readsTheDependencyNamedByDepTaskId() throws HandlerFailure {
    HandlerInvocation invocation =
        unit("gate")
            .dependency("other", json("{'answer': 'no slides'}"))
            .dependency("mini", skeleton(18, GOOD_SLIDE))
            .args("{'dep_task_id': ' mini '}")
            .build();

    assertThat(reason(handler.handle(invocation))).isEqualTo("mini_satisfies_contract");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"{}", "{'dep_task_id': ''}", "{'dep_task_id': '  '}", "{'dep_task_id': null}"})
  void readsTheFirstDependencyWithoutDepTaskId(String args) throws HandlerFailure {
    HandlerInvocation invocation =
        unit("gate")
            .dependency("mini", skeleton(18, GOOD_SLIDE))
            .dependency("other", json("{'answer': 'no slides'}"))
            .args(args)
            .build();

    assertThat(reason(handler.handle(invocation))).isEqualTo("mini_satisfies_contract");
  }

  @Test
  void readsADepTaskIdThatIsNotADependencyAsMissing() throws HandlerFailure {
    HandlerInvocation invocation =
        unit("gate")
            .dependency("mini", skeleton(18, GOOD_SLIDE))
            .args("{'dep_task_id': 'elsewhere'}")
            .build();

    assertThat(reason(handler.handle(invocation))).isEqualTo("mini_missing_slides");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 17, 19})
  void runsFullWhenTheSlideCountDiffersFromEighteen(int count) throws HandlerFailure {
    assertThat(reason(gate(skeleton(count, GOOD_SLIDE), "{}"))).isEqualTo("slide_count_mismatch");
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "'3'", "' +3 '", "3.9", "'0_3'"})
  void readsTheTargetSlideCountAsPythonsIntDoes(String target) throws HandlerFailure {
    String args = "{'target_slide_count': " + target + "}";

    assertThat(reason(gate(skeleton(3, GOOD_SLIDE), args))).isEqualTo("mini_satisfies_contract");
    assertThat(reason(gate(skeleton(4, GOOD_SLIDE), args))).isEqualTo("slide_count_mismatch");
  }

  @Test
  void acceptsAnEmptySkeletonWhenZeroSlidesAreWanted() throws HandlerFailure {
    assertThat(reason(gate(skeleton(0, GOOD_SLIDE), "{'target_slide_count': 0}")))
        .isEqualTo("mini_satisfies_contract");
  }

  @ParameterizedTest
  @ValueSource(strings = {"'eighteen'", "'18.0'", "[18]", "{'n': 18}", "''"})
  void failsOnATargetSlideCountThatIsNotAnInteger(String target) {
    String args = "{'target_slide_count': " + target + "}";

    assertThatThrownBy(() -> gate(skeleton(18, GOOD_SLIDE), args))
        .isInstanceOfSatisfying(
            HandlerFailure.class,
            failure -> assertThat(failure.code()).isEqualTo(HandlerFailure.INVALID_ARGUMENT));
  }

  @Test
  void checksMissingSlidesBeforeReadingTheTarget() throws HandlerFailure {
    assertThat(reason(gate(json("{}"), "{'target_slide_count': 'eighteen'}")))
        .isEqualTo("mini_missing_slides");
  }

  @Test
  void runsFullWhenASlideIsNotAnObject() throws HandlerFailure {
    ArrayNode slides = slides(18, GOOD_SLIDE);
    slides.set(5, json("'slide six'"));

    assertThat(reason(gate(withSlides(slides), "{}"))).isEqualTo("slide_not_object");
  }

  @Test
  void runsFullWhenASlideLacksARequiredField() throws HandlerFailure {
    ArrayNode slides = slides(18, GOOD_SLIDE);
    ((ObjectNode) slides.get(17)).remove("msg");

    assertThat(reason(gate(withSlides(slides), "{}"))).isEqualTo("slide_fields_missing");
  }

  @Test
  void checksOnlyThePresenceOfRequiredFields() throws HandlerFailure {
    String nullFields = "{'i': null, 'title': null, 'msg': null, 'bullets': []}";

    assertThat(reason(gate(skeleton(18, nullFields), "{}"))).isEqualTo("mini_satisfies_contract");
  }

  @Test
  void usesTheRequiredFieldsArgument() throws HandlerFailure {
    String slide = "{'i': 1, 'notes': 'n', 'bullets': []}";

    assertThat(reason(gate(skeleton(18, slide), "{'required_fields': ['i', 'notes', 'bullets']}")))
        .isEqualTo("mini_satisfies_contract");
    assertThat(reason(gate(skeleton(18, slide), "{'required_fields': ['i', 'title']}")))
        .isEqualTo("slide_fields_missing");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'required_fields': []}",
        "{'required_fields': 'i'}",
        "{'required_fields': [null]}"
      })
  void usesTheDefaultFieldsForAnEmptyOrInvalidFieldList(String args) throws HandlerFailure {
    String slide = "{'i': 1, 'title': 't', 'bullets': []}";

    assertThat(reason(gate(skeleton(18, slide), args))).isEqualTo("slide_fields_missing");
  }

  @ParameterizedTest
  @ValueSource(strings = {"'one bullet'", "null", "{'b': 1}"})
  void runsFullWhenBulletsAreNotAnArray(String bullets) throws HandlerFailure {
    String slide = "{'i': 1, 'title': 't', 'msg': 'm', 'bullets': " + bullets + "}";

    assertThat(reason(gate(skeleton(18, slide), "{}"))).isEqualTo("bullets_not_array");
  }

  @Test
  void runsFullWhenASlideHasMoreThanOneBullet() throws HandlerFailure {
    ArrayNode slides = slides(18, GOOD_SLIDE);
    ((ArrayNode) slides.get(9).get("bullets")).add("second");

    assertThat(reason(gate(withSlides(slides), "{}"))).isEqualTo("bullets_too_many");
  }

  @Test
  void checksBulletsOnlyWhenTheyAreARequiredField() throws HandlerFailure {
    String slide = "{'i': 1, 'bullets': 'not an array'}";

    assertThat(reason(gate(skeleton(18, slide), "{'required_fields': ['i']}")))
        .isEqualTo("mini_satisfies_contract");
  }

  @Test
  void reportsTheFirstViolationInSlideOrder() throws HandlerFailure {
    ArrayNode slides = slides(18, GOOD_SLIDE);
    ((ArrayNode) slides.get(2).get("bullets")).add("second");
    slides.set(3, json("'not an object'"));

    assertThat(reason(gate(withSlides(slides), "{}"))).isEqualTo("bullets_too_many");
  }

  @Test
  void checksFieldsBeforeBulletsWithinASlide() throws HandlerFailure {
    String slide = "{'i': 1, 'title': 't', 'bullets': 'not an array'}";

    assertThat(reason(gate(skeleton(18, slide), "{}"))).isEqualTo("slide_fields_missing");
  }

  @Test
  void checksTheCountBeforeAnySlide() throws HandlerFailure {
    assertThat(reason(gate(skeleton(17, "'not an object'"), "{}")))
        .isEqualTo("slide_count_mismatch");
  }

  private ObjectNode gate(JsonNode miniOutput, String args) throws HandlerFailure {
    return handler.handle(unit("gate").dependency("mini", miniOutput).args(args).build());
  }

  private static String reason(ObjectNode output) {
    assertThat(output.get("needs_refine").booleanValue())
        .isEqualTo(!output.get("reason").asText().equals("mini_satisfies_contract"));
    assertThat(output.get("message").asText())
        .isEqualTo(output.get("needs_refine").booleanValue() ? "run_full" : "skip_full");
    return output.get("reason").asText();
  }

  private static JsonNode skeleton(int count, String slide) {
    return withSlides(slides(count, slide));
  }

  private static ArrayNode slides(int count, String slide) {
    ArrayNode slides = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < count; i++) {
      slides.add(json(slide));
    }
    return slides;
  }

  private static JsonNode withSlides(ArrayNode slides) {
    ObjectNode skeleton = JsonNodeFactory.instance.objectNode();
    skeleton.put("status", "ok").put("task_id", "mini").set("slides", slides);
    return skeleton;
  }
}
