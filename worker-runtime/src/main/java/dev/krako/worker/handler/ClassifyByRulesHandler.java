package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * KORA's {@code classify_by_rules}: routes a text by keywords, or says that a model is needed.
 *
 * <p>Arguments: {@code routes} (see {@link KeywordRoute}), {@code scenario_id} and {@code
 * provider_required_route}. Exactly one matching route gives {@code {status, task_id, route_kind:
 * "deterministic", selected_route: route_id, classification_output: route.output, provider_calls:
 * 0, provider_needed_reason: null}}. None or several give {@code route_kind: "provider_required"},
 * {@code selected_route: args.provider_required_route} (default {@code "provider_required." +
 * scenario_id}, where {@code scenario_id} defaults to {@code "classification"}), {@code
 * classification_output: null} and the reason in {@code provider_needed_reason}.
 */
public final class ClassifyByRulesHandler implements DeterministicHandler {

  /** The handler's name in {@code run.spec.handler}. */
  public static final String NAME = "classify_by_rules";

  static final String NO_MATCH = "no deterministic keyword route matched";
  static final String SEVERAL_MATCHES = "multiple deterministic routes matched";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ObjectNode handle(HandlerInvocation invocation) {
    String text = KoraText.lower(KoraText.ofTask(invocation));
    List<JsonNode> matches = KeywordRoute.matching(invocation.args().path("routes"), text);
    ObjectNode output = OkOutput.forUnit(invocation.workUnitId());
    if (matches.size() == 1) {
      JsonNode route = matches.get(0);
      output.put("route_kind", "deterministic");
      output.put("selected_route", textOr(route, "route_id", ""));
      JsonNode classification = route.path("output");
      output.set(
          "classification_output",
          classification.isObject() ? classification.deepCopy() : output.objectNode());
      output.put("provider_calls", 0);
      output.putNull("provider_needed_reason");
    } else {
      output.put("route_kind", "provider_required");
      output.put("selected_route", fallbackRoute(invocation.args()));
      output.putNull("classification_output");
      output.put("provider_calls", 0);
      output.put("provider_needed_reason", matches.isEmpty() ? NO_MATCH : SEVERAL_MATCHES);
    }
    return output;
  }

  private static String fallbackRoute(JsonNode args) {
    String scenarioId = textOr(args, "scenario_id", "classification");
    return textOr(args, "provider_required_route", "provider_required." + scenarioId);
  }

  private static String textOr(JsonNode object, String field, String fallback) {
    return JsonField.present(object, field).map(KoraText::of).orElse(fallback);
  }
}
