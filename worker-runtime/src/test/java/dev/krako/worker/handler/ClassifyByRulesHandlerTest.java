package dev.krako.worker.handler;

import static dev.krako.worker.handler.Invocations.json;
import static dev.krako.worker.handler.Invocations.unit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ClassifyByRulesHandlerTest {

  private static final JsonNode SCENARIO =
      Invocations.resource("/handler/support_ticket_routing.json");

  private final ClassifyByRulesHandler handler = new ClassifyByRulesHandler();

  static Stream<JsonNode> tickets() {
    return StreamSupport.stream(SCENARIO.get("items").spliterator(), false)
        .filter(item -> item.hasNonNull("expected_route"));
  }

  @Test
  void theScenarioHasTicketsForEveryOutcome() {
    assertThat(tickets()).hasSize(8);
    assertThat(tickets().map(item -> item.get("expected_route").asText()))
        .containsOnly("deterministic", "provider_required")
        .contains("deterministic", "provider_required");
  }

  static Stream<Named<JsonNode>> namedTickets() {
    return tickets().map(ticket -> Named.of(ticket.get("id").asText(), ticket));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("namedTickets")
  void routesEachTicketOfTheSupportScenarioAsExpected(JsonNode ticket) {
    ObjectNode output = classify(ticket);

    assertThat(output.get("route_kind").asText()).isEqualTo(ticket.get("expected_route").asText());
    assertThat(output.get("provider_calls").intValue()).isZero();
    if (output.get("route_kind").asText().equals("deterministic")) {
      JsonNode route = routeOfCategory(ticket.get("expected_category").asText());
      assertThat(output.get("selected_route")).isEqualTo(route.get("route_id"));
      assertThat(output.get("classification_output")).isEqualTo(route.get("output"));
      assertThat(output.get("provider_needed_reason").isNull()).isTrue();
    } else {
      assertThat(output.get("selected_route")).isEqualTo(SCENARIO.get("provider_required_route"));
      assertThat(output.get("classification_output").isNull()).isTrue();
      assertThat(output.get("provider_needed_reason").asText()).isNotEmpty();
    }
  }

  @Test
  void producesTheFullDeterministicOutputInKorasOrder() {
    ObjectNode output = classify(ticket("support-003"));

    assertThat(output.toString())
        .isEqualTo(
            "{\"status\":\"ok\",\"task_id\":\"classify\",\"route_kind\":\"deterministic\","
                + "\"selected_route\":\"det.support.technical_support\","
                + "\"classification_output\":{\"category\":\"technical_support\","
                + "\"team\":\"support_technical\",\"priority\":\"high\","
                + "\"response_template\":\"technical-diagnostics\"},"
                + "\"provider_calls\":0,\"provider_needed_reason\":null}");
  }

  @Test
  void needsAProviderWhenNoRouteMatches() {
    ObjectNode output = classify(ticket("support-006"));

    assertThat(output.toString())
        .isEqualTo(
            "{\"status\":\"ok\",\"task_id\":\"classify\",\"route_kind\":\"provider_required\","
                + "\"selected_route\":\"provider_required.support_ticket_routing\","
                + "\"classification_output\":null,\"provider_calls\":0,"
                + "\"provider_needed_reason\":\"no deterministic keyword route matched\"}");
  }

  @Test
  void needsAProviderWhenNoRouteMatchesTheRolloutTicket() {
    assertThat(classify(ticket("support-007")).get("provider_needed_reason").asText())
        .isEqualTo("no deterministic keyword route matched");
  }

  @Test
  void needsAProviderWhenSeveralRoutesMatch() {
    ObjectNode output = classify(ticket("support-008"));

    assertThat(output.get("route_kind").asText()).isEqualTo("provider_required");
    assertThat(output.get("provider_needed_reason").asText())
        .isEqualTo("multiple deterministic routes matched");
  }

  @Test
  void defaultsTheFallbackRouteToTheScenario() {
    assertThat(fallback("{'scenario_id': 'tickets', 'routes': []}"))
        .isEqualTo("provider_required.tickets");
    assertThat(fallback("{'routes': []}")).isEqualTo("provider_required.classification");
    assertThat(fallback("{'scenario_id': null, 'provider_required_route': null}"))
        .isEqualTo("provider_required.classification");
  }

  @Test
  void matchesKeywordsAsCaseInsensitiveSubstrings() {
    String args = "{'routes': [{'route_id': 'r', 'keywords': ['LOG'], 'output': {}}]}";

    assertThat(routeKind("The CATALOG is empty", args)).isEqualTo("deterministic");
    assertThat(routeKind("The lo-g is empty", args)).isEqualTo("provider_required");
  }

  @Test
  void skipsMalformedRoutesAndKeywords() {
    String args =
        "{'routes': ['not a route', {'route_id': 'a', 'keywords': 'csv'},"
            + " {'route_id': 'b', 'keywords': [null, 42]}]}";

    assertThat(routeKind("csv export", args)).isEqualTo("provider_required");
    assertThat(routeKind("error 42", args)).isEqualTo("deterministic");
  }

  @Test
  void fillsAMissingRouteIdAndOutputWithEmptyValues() {
    ObjectNode output = classify("csv", "{'routes': [{'keywords': ['csv'], 'output': 'x'}]}");

    assertThat(output.get("selected_route").asText()).isEmpty();
    assertThat(output.get("classification_output")).isEqualTo(json("{}"));
  }

  @Test
  void needsAProviderWithoutRoutes() {
    assertThat(routeKind("anything", "{}")).isEqualTo("provider_required");
    assertThat(routeKind("anything", "{'routes': {'a': {'keywords': ['any']}}}"))
        .isEqualTo("provider_required");
  }

  @Test
  void copiesTheClassificationOutput() {
    JsonNode args = json("{'routes': [{'route_id': 'r', 'keywords': ['x'], 'output': {'k': 1}}]}");
    ObjectNode output = handler.handle(unit("c").input("{'text': 'x'}").args(args).build());

    ((ObjectNode) output.get("classification_output")).put("k", 2);

    assertThat(args.at("/routes/0/output/k").intValue()).isEqualTo(1);
  }

  private ObjectNode classify(JsonNode ticket) {
    ObjectNode input = JsonNodeFactory.instance.objectNode();
    input.put("text", ticket.get("subject").asText() + " " + ticket.get("body").asText());
    ObjectNode args = JsonNodeFactory.instance.objectNode();
    args.set("scenario_id", SCENARIO.get("scenario_id"));
    args.set("routes", SCENARIO.get("routes"));
    args.set("provider_required_route", SCENARIO.get("provider_required_route"));
    return handler.handle(unit("classify").input(input).args(args).build());
  }

  private ObjectNode classify(String text, String args) {
    ObjectNode input = JsonNodeFactory.instance.objectNode().put("text", text);
    return handler.handle(unit("classify").input(input).args(args).build());
  }

  private String routeKind(String text, String args) {
    return classify(text, args).get("route_kind").asText();
  }

  private String fallback(String args) {
    return classify("nothing matches", args).get("selected_route").asText();
  }

  private static JsonNode ticket(String id) {
    return tickets().filter(item -> item.get("id").asText().equals(id)).findFirst().orElseThrow();
  }

  private static JsonNode routeOfCategory(String category) {
    return StreamSupport.stream(SCENARIO.get("routes").spliterator(), false)
        .filter(route -> route.get("category").asText().equals(category))
        .findFirst()
        .orElseThrow();
  }
}
