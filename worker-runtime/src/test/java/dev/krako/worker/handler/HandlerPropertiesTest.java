package dev.krako.worker.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties every handler keeps, over generated invocations (jqwik prints the seed on failure).
 */
class HandlerPropertiesTest {

  private static final HandlerRegistry REGISTRY = HandlerRegistry.koraDefaults();
  private static final JsonNode SCENARIO =
      Invocations.resource("/handler/support_ticket_routing.json");
  private static final List<String> FRAGMENTS =
      List.of(
          "12-slide",
          "3 - slide",
          "7 slides",
          "slide",
          "risk",
          "rollout",
          "architecture",
          "market context",
          "benchmark",
          "recommendation",
          "escalation",
          "decomposition",
          "password",
          "invoice",
          "csv",
          "cancel",
          "SOC 2",
          "\uD83D\uDE00",
          "\u0130",
          "\u03a3",
          "\u0661\u0662",
          "a".repeat(40));
  private static final List<String> SLIDES =
      List.of(
          "{'i': 1, 'title': 't', 'msg': 'm', 'bullets': []}",
          "{'i': 1, 'title': 't', 'msg': 'm', 'bullets': ['b']}",
          "{'i': 1, 'title': 't', 'bullets': ['b']}",
          "{'i': 1, 'title': 't', 'msg': 'm', 'bullets': 'b'}",
          "{'i': 1, 'title': 't', 'msg': 'm', 'bullets': ['b', 'c']}",
          "'not an object'");

  @Property
  void everyHandlerIsDeterministic(
      @ForAll("handlerNames") String name, @ForAll("invocations") HandlerInvocation invocation) {
    DeterministicHandler handler = REGISTRY.find(name).orElseThrow();

    assertThat(outcome(handler, invocation)).isEqualTo(outcome(handler, invocation));
  }

  @Property
  void everyOutputStartsWithStatusThenTaskId(
      @ForAll("handlerNames") String name, @ForAll("invocations") HandlerInvocation invocation) {
    try {
      ObjectNode output = REGISTRY.find(name).orElseThrow().handle(invocation);

      assertThat(Invocations.fieldNames(output)).startsWith("status", "task_id");
      assertThat(output.get("status").asText()).isEqualTo("ok");
      assertThat(output.get("task_id").asText()).isEqualTo(invocation.workUnitId());
    } catch (HandlerFailure failure) {
      // Only flaky_once fails on these invocations, and only on its first attempt.
      assertThat(name).isEqualTo(FlakyOnceHandler.NAME);
      assertThat(invocation.attemptIndex()).isZero();
    }
  }

  @Property
  void handlersLeaveTheirInvocationUnchanged(
      @ForAll("handlerNames") String name, @ForAll("invocations") HandlerInvocation invocation) {
    JsonNode input = invocation.input().deepCopy();
    JsonNode args = invocation.args().deepCopy();
    Map<String, JsonNode> dependencyOutputs =
        invocation.dependencyOutputs().entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().deepCopy()));

    outcome(REGISTRY.find(name).orElseThrow(), invocation);

    assertThat(invocation.input()).isEqualTo(input);
    assertThat(invocation.args()).isEqualTo(args);
    assertThat(invocation.dependencyOutputs()).isEqualTo(dependencyOutputs);
  }

  @Property
  void classifySimpleComparesCodePointsWithEighty(@ForAll("texts") String text) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("text", text);
    ObjectNode output =
        new ClassifySimpleHandler().handle(Invocations.unit("t").input(input).build());

    assertThat(output.get("is_simple").booleanValue()).isEqualTo(text.codePoints().count() < 80);
  }

  @Property
  void topicDomainsAreDistinctKnownLabelsAndAtMostSix(@ForAll("texts") String text) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("text", text);
    JsonNode topics =
        new ParseRequestConstraintsHandler()
            .handle(Invocations.unit("t").input(input).build())
            .get("topic_domains");
    Set<String> known =
        Stream.concat(
                ParseRequestConstraintsHandler.TOPICS.stream()
                    .map(ParseRequestConstraintsHandler.Topic::label),
                Stream.of("strategy", "execution"))
            .collect(Collectors.toSet());

    Set<String> seen = new HashSet<>();
    topics.forEach(topic -> assertThat(seen.add(topic.asText())).isTrue());
    assertThat(seen).isSubsetOf(known).hasSizeBetween(1, 6);
  }

  @Property
  void flakyOnceFailsExactlyOnItsFirstAttempt(@ForAll @IntRange(max = 20) int attempt) {
    HandlerInvocation invocation = Invocations.unit("t").attempt(attempt).build();

    assertThat(outcome(new FlakyOnceHandler(), invocation).startsWith("failure:"))
        .isEqualTo(attempt == 0);
  }

  @Provide
  Arbitrary<String> handlerNames() {
    return Arbitraries.of(REGISTRY.names());
  }

  @Provide
  Arbitrary<String> texts() {
    return Arbitraries.oneOf(
        Arbitraries.strings().all().ofMaxLength(120),
        Arbitraries.of(FRAGMENTS).list().ofMaxSize(12).map(parts -> String.join(" ", parts)));
  }

  @Provide
  Arbitrary<HandlerInvocation> invocations() {
    return Combinators.combine(
            Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10),
            texts().injectNull(0.3),
            texts().injectNull(0.3),
            skeletons(),
            Arbitraries.integers().between(0, 20).injectNull(0.3),
            Arbitraries.of("", "mini", "other", "missing").injectNull(0.3),
            Arbitraries.integers().between(0, 3))
        .as(
            (id, inputText, argsText, skeleton, target, depTaskId, attempt) -> {
              ObjectNode input = JsonNodeFactory.instance.objectNode();
              input.put("text", inputText).put("message", inputText);
              ObjectNode args = JsonNodeFactory.instance.objectNode();
              args.put("text", argsText).put("message", argsText);
              args.put("dep_task_id", depTaskId).put("target_slide_count", target);
              args.set("routes", SCENARIO.get("routes"));
              args.set("scenario_id", SCENARIO.get("scenario_id"));
              return Invocations.unit(id)
                  .input(input)
                  .args(args)
                  .dependency("mini", skeleton)
                  .dependency("other", Invocations.json("{'answer': 'x'}"))
                  .attempt(attempt)
                  .build();
            });
  }

  private Arbitrary<JsonNode> skeletons() {
    Arbitrary<JsonNode> withSlides =
        Arbitraries.of(SLIDES)
            .list()
            .ofMaxSize(20)
            .map(
                slides -> {
                  ObjectNode skeleton = JsonNodeFactory.instance.objectNode();
                  ArrayNode array = skeleton.putArray("slides");
                  slides.forEach(slide -> array.add(Invocations.json(slide)));
                  return skeleton;
                });
    return Arbitraries.oneOf(withSlides, Arbitraries.just(Invocations.json("{'answer': 'x'}")));
  }

  /** The handler's serialized output, or its failure code: what a worker would record. */
  private static String outcome(DeterministicHandler handler, HandlerInvocation invocation) {
    try {
      return handler.handle(invocation).toString();
    } catch (HandlerFailure failure) {
      return "failure:" + failure.code();
    }
  }
}
