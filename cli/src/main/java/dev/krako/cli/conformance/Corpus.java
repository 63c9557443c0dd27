package dev.krako.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The conformance corpus: KORA's three 0.1 samples (resources), harness-shaped variants, one
 * classify_by_rules graph per dataset item, seeded stress graphs, retry and verification graphs,
 * 1.x escalation graphs for every condition (held and not held) and unsupported versions.
 */
public final class Corpus {

  static final String TENANT = "tenant-conformance";
  static final String LONG_TEXT =
      "TASK:PPT_OUTLINE\nSLIDES:18\nFIELDS:title|key_message|bullets(3-5)|notes\n"
          + "INCLUDE:rolloutplan|risk\nOUTPUT:JSON slides[{i,title,msg,bullets[],notes}]";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] SAMPLES = {
    "v0.1-adaptive-ladder.json",
    "v0.1-real-workload-harness-default.json",
    "v0.1-real-workload-harness-escalation.json"
  };

  private final String runId;
  private final List<CorpusGraph> graphs = new ArrayList<>();

  private Corpus(String runId) {
    this.runId = runId;
  }

  /**
   * @param runId makes request ids unique per run, so a corpus can run twice on one deployment
   * @param stressGraphs how many seeded stress graphs
   */
  public static List<CorpusGraph> build(String runId, int stressGraphs, long seed) {
    Corpus c = new Corpus(runId);
    c.samples();
    c.harness();
    c.classification();
    c.stress(stressGraphs, seed);
    c.retries();
    c.escalation();
    c.versions();
    return List.copyOf(c.graphs);
  }

  private void add(Family family, JsonNode doc, Map<String, PodReply> replies) {
    String graphId = doc.path("graph_id").asText();
    String requestId = runId + "-" + family.column() + "-" + graphs.size();
    if (doc.has("request_id")) {
      ((ObjectNode) doc).put("request_id", requestId);
    }
    graphs.add(new CorpusGraph(family, graphId, requestId, doc.toString(), replies));
  }

  private void samples() {
    for (String name : SAMPLES) {
      add(Family.SAMPLES, resource(name), Map.of());
    }
  }

  /** The two harness shapes on a short text (pre-gate says simple) and a long one. */
  private void harness() {
    for (String sample : List.of(SAMPLES[1], SAMPLES[2])) {
      for (String text : List.of("Summarise the rollout risk in 5 slides.", LONG_TEXT + " v2")) {
        ObjectNode doc = resource(sample);
        String shape = sample.contains("escalation") ? "escalation" : "default";
        doc.put("graph_id", "harness-" + shape + "-" + (text.length() < 80 ? "short" : "long"));
        for (JsonNode task : doc.path("tasks")) {
          if (task.path("id").asText().equals("task_pre")) {
            ((ObjectNode) task.path("in")).put("text", text);
            ((ObjectNode) task.at("/run/spec/args")).put("text", text);
          }
        }
        add(Family.HARNESS, doc, Map.of());
      }
    }
  }

  private void classification() {
    JsonNode dataset = resource("support_ticket_routing.json");
    ObjectNode args = JSON.createObjectNode();
    args.put("scenario_id", dataset.path("scenario_id").asText());
    args.set("routes", dataset.path("routes"));
    args.put("provider_required_route", dataset.path("provider_required_route").asText());
    for (JsonNode item : dataset.path("items")) {
      String text = item.path("subject").asText() + " " + item.path("body").asText();
      ObjectNode task = KoraIr.task("task_classify", List.of(), false);
      task.putObject("in").put("text", text);
      ObjectNode spec = (ObjectNode) task.at("/run/spec");
      spec.put("handler", "classify_by_rules").set("args", args);
      KoraIr.verify(task, "status", "task_id", "route_kind", "selected_route");
      add(
          Family.CLASSIFY,
          KoraIr.graph("classify-" + item.path("id").asText(), 400, task),
          Map.of());
    }
  }

  /** KORA's stress shape: mostly short texts, some long, about 5% exhaustion graphs. */
  private void stress(int count, long seed) {
    Random random = new Random(seed);
    for (int n = 0; n < count; n++) {
      double draw = random.nextDouble();
      boolean exhaustion = draw < 0.05;
      boolean longText = !exhaustion && draw > 0.75;
      String text =
          longText
              ? "Explain, step by step, how a support team should triage ticket #"
                  + n
                  + " when the customer reports intermittent export failures."
              : "Short ticket #" + n;
      ObjectNode pre = KoraIr.task("task_pre", List.of(), false);
      pre.putObject("in").put("text", text);
      ((ObjectNode) pre.at("/run/spec")).put("handler", "classify_simple").putObject("args");
      if (exhaustion) {
        KoraIr.verify(pre, "status", "task_id", "is_simple", "complexity_score");
      } else {
        KoraIr.verify(pre, "status", "task_id", "is_simple");
      }
      ObjectNode llm = KoraIr.llmTask("task_llm", List.of("task_pre"), "mock", text);
      ((ObjectNode) llm.at("/run/spec/input"))
          .putObject("skip_if")
          .put("path", "$.is_simple")
          .put("equals", true);
      ObjectNode policy = llm.putObject("policy").put("on_fail", "retry");
      if (exhaustion) {
        policy.putObject("budget").put("max_time_ms", 1).put("max_tokens", 1).put("max_retries", 0);
      }
      add(Family.STRESS, KoraIr.graph("stress-" + n, 400, pre, llm), Map.of());
    }
  }

  /** Retry caps and verification: a flaky handler with and without retries, bad model replies. */
  private void retries() {
    for (boolean retry : List.of(true, false)) {
      ObjectNode flaky = KoraIr.task("task_flaky", List.of(), false);
      ((ObjectNode) flaky.at("/run/spec")).put("handler", "flaky_once").putObject("args");
      flaky.putObject("policy").put("on_fail", retry ? "retry" : "fail");
      add(
          Family.RETRY,
          KoraIr.graph("retry-flaky-" + (retry ? "retry" : "fail"), 400, flaky),
          Map.of());
    }
    String question = "Give one reason to verify model output.";
    // In a fixed order, so that a seed gives the same corpus, request ids included.
    Map<String, PodReply> modes = new LinkedHashMap<>();
    modes.put("malformed", PodReply.malformed());
    modes.put("failing", PodReply.failing());
    modes.put("confident", PodReply.confidence(0.95));
    for (var mode : modes.entrySet()) {
      String key = runId + "/retry-" + mode.getKey();
      ObjectNode unit =
          V1.llm("answer", List.of(), key, question, 2, "status", "answer", "confidence");
      add(
          Family.RETRY,
          V1.graph("retry-" + mode.getKey(), 1000, unit),
          Map.of(key, mode.getValue()));
    }
  }

  /** One held and one not-held graph per activation condition. */
  private void escalation() {
    String question = "Q".repeat(400);
    escalate("failure", PodReply.failing(), PodReply.valid(), 0, question, "status", "answer");
    escalate("failure", PodReply.valid(), PodReply.valid(), 0, question, "status", "answer");
    escalate(
        "schema_mismatch",
        PodReply.malformed(),
        PodReply.confidence(0.95),
        0,
        question,
        "confidence");
    escalate(
        "schema_mismatch",
        PodReply.confidence(0.95),
        PodReply.confidence(0.95),
        0,
        question,
        "confidence");
    escalate(
        "confidence_below_threshold",
        PodReply.confidence(0.3),
        PodReply.valid(),
        0.7,
        question,
        "answer");
    escalate(
        "confidence_below_threshold",
        PodReply.confidence(0.9),
        PodReply.valid(),
        0.7,
        question,
        "answer");
    escalate("budget_remaining", PodReply.valid(), PodReply.valid(), 500, question, "answer");
    escalate("budget_remaining", PodReply.valid(), PodReply.valid(), 900, question, "answer");
  }

  private void escalate(
      String when,
      PodReply first,
      PodReply step,
      double threshold,
      String question,
      String... required) {
    String name = "escalation-" + when + "-" + graphs.size();
    String firstKey = runId + "/" + name + "/draft";
    String stepKey = runId + "/" + name + "/step";
    ObjectNode draft = V1.llm("draft", List.of(), firstKey, question, 1, required);
    ObjectNode fallback = V1.llm("step", List.of("draft"), stepKey, "Refine the draft.", 1);
    ObjectNode activation = fallback.putObject("activation").put("when", when).put("of", "draft");
    if (!when.equals("failure") && !when.equals("schema_mismatch")) {
      activation.put("threshold", threshold);
    }
    add(
        Family.ESCALATION,
        V1.graph(name, 1000, draft, fallback),
        Map.of(firstKey, first, stepKey, step));
  }

  private void versions() {
    ObjectNode unit = V1.llm("answer", List.of(), runId + "/v2", "q", 1);
    ObjectNode v2 = V1.graph("version-2.0", 1000, unit);
    v2.put("schema_version", "2.0");
    add(Family.VERSION, v2, Map.of());
    ObjectNode kora =
        KoraIr.graph("version-kora-0.2", 400, KoraIr.llmTask("task_llm", List.of(), "mock", "q"));
    kora.put("version", "0.2");
    add(Family.VERSION, kora, Map.of());
  }

  private static ObjectNode resource(String name) {
    try (InputStream in = Corpus.class.getResourceAsStream("/conformance/" + name)) {
      if (in == null) {
        throw new IllegalStateException("Missing corpus resource /conformance/" + name);
      }
      return (ObjectNode) JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** KORA Task IR 0.1 documents, in the shape KORA's graph builders emit. */
  static final class KoraIr {

    private KoraIr() {}

    static ObjectNode graph(String graphId, long maxTokens, ObjectNode... tasks) {
      ObjectNode doc = JSON.createObjectNode().put("graph_id", graphId).put("version", "0.1");
      doc.put("root", tasks[tasks.length - 1].path("id").asText());
      doc.putObject("defaults")
          .putObject("budget")
          .put("max_time_ms", 20000)
          .put("max_tokens", maxTokens)
          .put("max_retries", 1);
      ArrayNode list = doc.putArray("tasks");
      for (ObjectNode t : tasks) {
        list.add(t);
      }
      return doc;
    }

    static ObjectNode task(String id, List<String> deps, boolean llm) {
      ObjectNode task =
          JSON.createObjectNode().put("id", id).put("type", llm ? "llm.answer" : "det");
      ArrayNode d = task.putArray("deps");
      deps.forEach(d::add);
      task.putObject("in");
      task.putObject("run").put("kind", llm ? "llm" : "det").putObject("spec");
      task.putObject("policy").put("on_fail", "fail");
      return task;
    }

    static ObjectNode llmTask(String id, List<String> deps, String adapter, String question) {
      ObjectNode task = task(id, deps, true);
      ObjectNode spec = (ObjectNode) task.at("/run/spec");
      spec.put("adapter", adapter).putObject("input").put("question", question);
      verify(task, "status", "task_id", "answer");
      return task;
    }

    static void verify(ObjectNode task, String... required) {
      ArrayNode keys =
          task.putObject("verify").putObject("schema").put("type", "object").putArray("required");
      for (String k : required) {
        keys.add(k);
      }
      task.with("verify").putArray("rules");
    }
  }

  /** TaskGraph 1.x documents; llm prompts are KORA-form JSON so the pod's script can name them. */
  static final class V1 {

    private V1() {}

    static ObjectNode graph(String graphId, long maxTokens, ObjectNode... units) {
      ObjectNode doc =
          JSON.createObjectNode().put("schema_version", "1.0").put("graph_id", graphId);
      doc.put("request_id", graphId)
          .put("tenant_id", TENANT)
          .put("created_at", "2026-11-27T00:00:00Z");
      int calls = 0;
      int cpu = 0;
      for (ObjectNode u : units) {
        int attempts = u.path("retries").path("max_attempts").asInt(1);
        if (u.path("type").asText().equals("llm")) {
          calls += attempts;
        } else {
          cpu += attempts;
        }
      }
      doc.putObject("budgets")
          .put("max_llm_calls", calls)
          .put("max_cpu_units", cpu)
          .put("max_tokens", maxTokens)
          .put("max_latency_ms", 120000);
      ArrayNode list = doc.putArray("work_units");
      for (ObjectNode u : units) {
        list.add(u);
      }
      return doc;
    }

    static ObjectNode llm(
        String id,
        List<String> deps,
        String scriptKey,
        String question,
        int attempts,
        String... required) {
      ObjectNode unit = JSON.createObjectNode().put("id", id).put("type", "llm");
      ArrayNode d = unit.putArray("dependencies");
      deps.forEach(d::add);
      ObjectNode prompt = JSON.createObjectNode().put("task_id", scriptKey);
      prompt.putObject("input").put("question", question);
      unit.putObject("run").put("tier", "small").put("prompt", prompt.toString());
      unit.putObject("retries").put("max_attempts", attempts).put("backoff_ms", 0);
      if (required.length > 0) {
        unit.put("verification_mode", "schema");
        ArrayNode keys = unit.putObject("output_schema").put("type", "object").putArray("required");
        for (String k : required) {
          keys.add(k);
        }
      }
      return unit;
    }
  }
}
