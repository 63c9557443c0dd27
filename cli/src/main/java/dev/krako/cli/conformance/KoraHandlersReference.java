package dev.krako.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * KORA's deterministic handlers written again from HANDLERS.md, on purpose without Krako's handler
 * code: the conformance expectations must not share a bug with what they check. Only the fields
 * HANDLERS.md defines are produced; the checks compare them as a subset of Krako's output.
 */
final class KoraHandlersReference {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final Pattern SLIDES = Pattern.compile("(\\d+)\\s*-\\s*slide|(\\d+)\\s+slides?");
  private static final String[][] DOMAINS = {
    {"market context", "market_context"},
    {"architecture", "architecture"},
    {"decomposition", "decomposition"},
    {"escalation", "escalation"},
    {"benchmark", "benchmarking"},
    {"rollout", "rollout_plan"},
    {"risk", "risk"},
    {"recommendation", "recommendations"}
  };

  private KoraHandlersReference() {}

  /**
   * The handler's output, or empty when the attempt fails ({@code DETERMINISTIC_EXEC_FAILED}).
   *
   * @param depOutputs the outputs of the task's direct dependencies that produced one
   */
  static Optional<ObjectNode> run(RefTask task, int attempt, Map<String, JsonNode> depOutputs) {
    ObjectNode out = NODES.objectNode().put("status", "ok").put("task_id", task.id());
    switch (task.handler()) {
      case "echo" ->
          out.set("message", firstNonNull(task.in().get("message"), task.args().get("message")));
      case "classify_simple" -> out.put("is_simple", codePoints(text(task)) < 80);
      case "parse_request_constraints" -> parseConstraints(text(task), out);
      case "quality_gate" -> qualityGate(task, depOutputs, out);
      case "classify_by_rules" -> classify(task, out);
      case "flaky_once" -> {
        if (attempt == 0) {
          return Optional.empty();
        }
        out.put("message", "recovered");
      }
      default -> {
        return Optional.empty();
      }
    }
    return Optional.of(out);
  }

  static String text(RefTask task) {
    JsonNode text = firstNonNull(task.in().get("text"), task.args().get("text"));
    return text.isNull() ? "" : text.asText();
  }

  static int codePoints(String s) {
    return s.codePointCount(0, s.length());
  }

  private static void parseConstraints(String text, ObjectNode out) {
    String lower = text.toLowerCase(Locale.ROOT);
    Matcher m = SLIDES.matcher(lower);
    int slides = 18;
    if (m.find()) {
      slides = Integer.parseInt(m.group(1) != null ? m.group(1) : m.group(2));
    }
    ArrayNode domains = NODES.arrayNode();
    for (String[] d : DOMAINS) {
      if (lower.contains(d[0]) && domains.size() < 6) {
        domains.add(d[1]);
      }
    }
    if (domains.isEmpty()) {
      domains.add("strategy").add("execution");
    }
    out.put("intent", "create_presentation_outline").put("deliverable_type", "ppt_outline");
    out.put("slide_count", slides);
    out.putArray("required_components")
        .add("title")
        .add("key_message")
        .add("bullets")
        .add("presenter_notes");
    out.set("topic_domains", domains);
  }

  private static void qualityGate(RefTask task, Map<String, JsonNode> deps, ObjectNode out) {
    String depId =
        task.args().hasNonNull("dep_task_id")
            ? task.args().get("dep_task_id").asText()
            : task.deps().get(0);
    String reason = gateReason(task.args(), deps.getOrDefault(depId, NODES.objectNode()));
    boolean refine = !reason.equals("mini_satisfies_contract");
    out.put("message", refine ? "run_full" : "skip_full");
    out.put("needs_refine", refine);
    out.put("reason", reason);
  }

  private static String gateReason(JsonNode args, JsonNode mini) {
    JsonNode slides = mini.path("slides");
    if (!slides.isArray()) {
      return "mini_missing_slides";
    }
    if (slides.size() != args.path("target_slide_count").asInt(18)) {
      return "slide_count_mismatch";
    }
    List<String> fields = new ArrayList<>(List.of("i", "title", "msg", "bullets"));
    if (args.path("required_fields").isArray()) {
      fields.clear();
      args.get("required_fields").forEach(f -> fields.add(f.asText()));
    }
    for (JsonNode slide : slides) {
      if (!slide.isObject()) {
        return "slide_not_object";
      }
      if (!fields.stream().allMatch(slide::has)) {
        return "slide_fields_missing";
      }
      if (fields.contains("bullets") && !slide.get("bullets").isArray()) {
        return "bullets_not_array";
      }
      if (fields.contains("bullets") && slide.get("bullets").size() > 1) {
        return "bullets_too_many";
      }
    }
    return "mini_satisfies_contract";
  }

  private static void classify(RefTask task, ObjectNode out) {
    String text = text(task).toLowerCase(Locale.ROOT);
    List<JsonNode> matches = new ArrayList<>();
    for (JsonNode route : task.args().path("routes")) {
      for (JsonNode keyword : route.path("keywords")) {
        if (text.contains(keyword.asText().toLowerCase(Locale.ROOT))) {
          matches.add(route);
          break;
        }
      }
    }
    if (matches.size() == 1) {
      out.put("route_kind", "deterministic");
      out.put("selected_route", matches.get(0).path("route_id").asText());
      out.set("classification_output", matches.get(0).path("output"));
      out.put("provider_calls", 0);
      out.putNull("provider_needed_reason");
      return;
    }
    out.put("route_kind", "provider_required");
    out.put(
        "selected_route",
        task.args().hasNonNull("provider_required_route")
            ? task.args().get("provider_required_route").asText()
            : "provider_required." + task.args().path("scenario_id").asText("classification"));
    out.putNull("classification_output");
    out.put(
        "provider_needed_reason",
        matches.isEmpty()
            ? "no deterministic keyword route matched"
            : "multiple deterministic routes matched");
  }

  private static JsonNode firstNonNull(JsonNode a, JsonNode b) {
    if (a != null && !a.isNull()) {
      return a;
    }
    return b == null ? NODES.nullNode() : b;
  }
}
