package dev.krako.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The reference handlers against HANDLERS.md's rules, on inputs the corpus does not reach. */
class KoraHandlersReferenceTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static RefTask det(String handler, JsonNode in, JsonNode args, List<String> deps) {
    return new RefTask("t", deps, handler, args, in, null, "t", null, null, 1, null, null);
  }

  @Test
  void parseRequestConstraintsReadsTheSlideCountAndTheDomainsInKorasOrder() {
    ObjectNode in = JSON.createObjectNode().put("text", "A 12 - slide deck on RISK and rollout");
    JsonNode out =
        KoraHandlersReference.run(
                det("parse_request_constraints", in, JSON.createObjectNode(), List.of()),
                0,
                Map.of())
            .orElseThrow();
    assertThat(out.path("slide_count").asInt()).isEqualTo(12);
    assertThat(out.path("topic_domains").toString()).isEqualTo("[\"rollout_plan\",\"risk\"]");

    JsonNode none =
        KoraHandlersReference.run(
                det(
                    "parse_request_constraints",
                    JSON.createObjectNode().put("text", "12slides"),
                    JSON.createObjectNode(),
                    List.of()),
                0,
                Map.of())
            .orElseThrow();
    assertThat(none.path("slide_count").asInt()).isEqualTo(18);
    assertThat(none.path("topic_domains").toString()).isEqualTo("[\"strategy\",\"execution\"]");
  }

  @Test
  void qualityGateSkipsTheFullModelOnlyWhenTheMiniMeetsTheContract() {
    ObjectNode args =
        JSON.createObjectNode().put("dep_task_id", "mini").put("target_slide_count", 2);
    assertThat(gate(args, slides(2, 1))).isEqualTo("skip_full/mini_satisfies_contract");
    assertThat(gate(args, slides(3, 1))).isEqualTo("run_full/slide_count_mismatch");
    assertThat(gate(args, slides(2, 2))).isEqualTo("run_full/bullets_too_many");
    ObjectNode missing = slides(2, 0);
    ((ObjectNode) missing.get("slides").get(1)).remove("msg");
    assertThat(gate(args, missing)).isEqualTo("run_full/slide_fields_missing");
    assertThat(gate(args, JSON.createObjectNode())).isEqualTo("run_full/mini_missing_slides");
  }

  private static String gate(ObjectNode args, ObjectNode mini) {
    JsonNode out =
        KoraHandlersReference.run(
                det("quality_gate", JSON.createObjectNode(), args, List.of("mini")),
                0,
                Map.of("mini", mini))
            .orElseThrow();
    return out.path("message").asText() + "/" + out.path("reason").asText();
  }

  private static ObjectNode slides(int count, int bullets) {
    ObjectNode mini = JSON.createObjectNode();
    ArrayNode list = mini.putArray("slides");
    for (int i = 0; i < count; i++) {
      ObjectNode slide = list.addObject().put("i", i).put("title", "t").put("msg", "m");
      ArrayNode b = slide.putArray("bullets");
      for (int k = 0; k < bullets; k++) {
        b.add("b");
      }
    }
    return mini;
  }

  @Test
  void classifyByRulesNeedsExactlyOneMatchingRoute() {
    JsonNode args =
        JSON.createObjectNode()
            .put("scenario_id", "s")
            .set(
                "routes",
                JSON.createArrayNode().add(route("a", "invoice")).add(route("b", "login")));
    assertThat(classify("My INVOICE", args).path("selected_route").asText()).isEqualTo("a");
    JsonNode both = classify("invoice and login", args);
    assertThat(both.path("selected_route").asText()).isEqualTo("provider_required.s");
    assertThat(both.path("provider_needed_reason").asText())
        .isEqualTo("multiple deterministic routes matched");
  }

  private static ObjectNode route(String id, String keyword) {
    ObjectNode route = JSON.createObjectNode().put("route_id", id);
    route.putArray("keywords").add(keyword);
    route.putObject("output").put("category", id);
    return route;
  }

  private static JsonNode classify(String text, JsonNode args) {
    return KoraHandlersReference.run(
            det("classify_by_rules", JSON.createObjectNode().put("text", text), args, List.of()),
            0,
            Map.of())
        .orElseThrow();
  }
}
