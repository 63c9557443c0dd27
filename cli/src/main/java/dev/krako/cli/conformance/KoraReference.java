package dev.krako.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The expected outcome of a corpus graph, computed the way KORA's executor runs it (HANDLERS.md:
 * Kahn order, attempts, skip_if, the mock's token numbers, verification, stop at the first task
 * that fails for good) plus the contract's activation rules for 1.x escalation steps. Independent
 * of Krako's code: it reads the submitted document itself ({@link RefGraph}).
 */
public final class KoraReference {

  static final int MOCK_TOKENS_OUT = 40;
  private static final int ANSWER_CODE_POINTS = 80;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final CorpusGraph graph;
  private final RefGraph ref;
  private final Map<String, UnitExpectation> done = new HashMap<>();
  private final Map<String, JsonNode> outputs = new HashMap<>();
  private final Map<String, Boolean> schemaFailure = new HashMap<>();
  private long tokensUsed;
  private boolean stopped;
  private boolean uncoveredFailure;

  private KoraReference(CorpusGraph graph) {
    this.graph = graph;
    this.ref = RefGraph.read(graph.document());
  }

  /** What KORA's semantics (and the contract, for activations) expect of this graph. */
  public static Expected expect(CorpusGraph graph) {
    return new KoraReference(graph).run();
  }

  private Expected run() {
    if (ref.unsupportedVersion() != null) {
      return Expected.rejected("UNSUPPORTED_SCHEMA_VERSION");
    }
    for (RefTask task : kahnOrder()) {
      done.put(task.id(), stopped ? notRun(task) : execute(task));
    }
    List<UnitExpectation> units = new ArrayList<>();
    ref.tasks().forEach(t -> units.add(done.get(t.id())));
    boolean failed = uncoveredFailure;
    return new Expected(
        null,
        failed ? "failed" : "completed",
        failed ? "retry_exhausted" : "success",
        units,
        ref.maxTokens(),
        ref.maxLlmCalls(),
        ref.maxLatencyMs());
  }

  /** KORA's order: the initial ready set sorted by id, dependents visited sorted, FIFO. */
  private List<RefTask> kahnOrder() {
    Map<String, RefTask> byId = new HashMap<>();
    Map<String, Integer> pending = new HashMap<>();
    Map<String, List<String>> dependents = new HashMap<>();
    for (RefTask t : ref.tasks()) {
      byId.put(t.id(), t);
      pending.put(t.id(), t.deps().size());
      t.deps().forEach(d -> dependents.computeIfAbsent(d, k -> new ArrayList<>()).add(t.id()));
    }
    ArrayDeque<String> queue = new ArrayDeque<>();
    ref.tasks().stream()
        .map(RefTask::id)
        .filter(id -> pending.get(id) == 0)
        .sorted()
        .forEach(queue::add);
    List<RefTask> order = new ArrayList<>();
    while (!queue.isEmpty()) {
      String id = queue.poll();
      order.add(byId.get(id));
      dependents.getOrDefault(id, List.of()).stream()
          .sorted()
          .forEach(
              d -> {
                if (pending.merge(d, -1, Integer::sum) == 0) {
                  queue.add(d);
                }
              });
    }
    return order;
  }

  private UnitExpectation execute(RefTask task) {
    RefTask.Activation activation = task.activation();
    for (String dep : task.deps()) {
      if (activation != null && dep.equals(activation.of())) {
        continue;
      }
      String status = done.get(dep).status();
      if (status.equals("failed")) {
        return skipped(task, "dependency_failed", null);
      }
      if (status.equals("skipped") && !"skip_if".equals(done.get(dep).skipReason())) {
        return skipped(task, "dependency_skipped", null);
      }
    }
    Boolean held = activation == null ? null : holds(activation);
    if (Boolean.FALSE.equals(held)) {
      return skipped(task, "activation_not_met", false);
    }
    if (task.skipIfKey() != null && skipIfMatches(task)) {
      ObjectNode placeholder =
          NODES.objectNode().put("status", "ok").put("task_id", task.id()).put("skipped", true);
      placeholder.put("message", "Skipped due to skip_if condition");
      outputs.put(task.id(), placeholder);
      return skipped(task, "skip_if", held);
    }
    return attempts(task, held);
  }

  private boolean holds(RefTask.Activation a) {
    UnitExpectation of = done.get(a.of());
    return switch (a.when()) {
      case "failure" -> of.status().equals("failed");
      case "schema_mismatch" -> of.status().equals("failed") && schemaFailure.get(a.of());
      case "confidence_below_threshold" ->
          of.status().equals("completed")
              && of.output().path("confidence").isNumber()
              && of.output().get("confidence").asDouble() < a.threshold();
      case "budget_remaining" -> ref.maxTokens() - tokensUsed >= a.threshold();
      default -> false;
    };
  }

  /** KORA's rule: any direct dependency's output has the key equal to the value (missing: null). */
  private boolean skipIfMatches(RefTask task) {
    for (String dep : task.deps()) {
      JsonNode out = outputs.get(dep);
      if (out != null) {
        JsonNode value = out.has(task.skipIfKey()) ? out.get(task.skipIfKey()) : NODES.nullNode();
        if (value.equals(task.skipIfEquals())) {
          return true;
        }
      }
    }
    return false;
  }

  private UnitExpectation attempts(RefTask task, Boolean held) {
    int calls = 0;
    long in = 0;
    long out = 0;
    String error = null;
    Map<String, JsonNode> depOutputs = new HashMap<>();
    task.deps().stream()
        .filter(outputs::containsKey)
        .forEach(d -> depOutputs.put(d, outputs.get(d)));
    for (int attempt = 0; attempt < task.maxAttempts(); attempt++) {
      Optional<ObjectNode> output;
      if (task.llm()) {
        calls++;
        PodReply reply = graph.replyFor(task.scriptKey());
        if (reply.mode() == PodReply.Mode.FAILING) {
          error = "LLM_CALL_FAILED";
          continue;
        }
        long tokensIn = Math.max(1, KoraHandlersReference.codePoints(task.question()) / 4);
        in += tokensIn;
        out += MOCK_TOKENS_OUT;
        tokensUsed += tokensIn + MOCK_TOKENS_OUT;
        output = Optional.of(modelOutput(task, reply));
      } else {
        output = KoraHandlersReference.run(task, attempt, depOutputs);
        if (output.isEmpty()) {
          error = "DETERMINISTIC_EXEC_FAILED";
          continue;
        }
      }
      if (task.required() != null && !task.required().stream().allMatch(output.get()::has)) {
        error = "SCHEMA_MISMATCH";
        continue;
      }
      outputs.put(task.id(), output.get());
      return new UnitExpectation(
          task.id(),
          task.llm(),
          "completed",
          attempt + 1,
          task.maxAttempts(),
          calls,
          in,
          out,
          null,
          null,
          held,
          output.get());
    }
    schemaFailure.put(task.id(), "SCHEMA_MISMATCH".equals(error));
    if (!covered(task.id())) {
      uncoveredFailure = true;
      stopped = ref.failFast();
    }
    return new UnitExpectation(
        task.id(),
        task.llm(),
        "failed",
        task.maxAttempts(),
        task.maxAttempts(),
        calls,
        in,
        out,
        error,
        null,
        held,
        null);
  }

  /** KORA's mock answer, as the scripted pod gives it and Krako's LLM executor reads it. */
  private static ObjectNode modelOutput(RefTask task, PodReply reply) {
    String question = task.question();
    int end =
        question.offsetByCodePoints(
            0, Math.min(ANSWER_CODE_POINTS, KoraHandlersReference.codePoints(question)));
    String answer = "Mock answer for: " + question.substring(0, end);
    ObjectNode out = NODES.objectNode().put("status", "ok");
    // A malformed reply is plain text; Krako wraps it in KORA's adapter shape with the unit id.
    out.put("task_id", reply.mode() == PodReply.Mode.MALFORMED ? task.id() : task.scriptKey());
    out.put("answer", answer);
    if (reply.mode() == PodReply.Mode.LOW_CONFIDENCE) {
      out.put("confidence", reply.confidence());
    }
    return out;
  }

  /** A declared failure / schema_mismatch step watches this unit and its condition holds. */
  private boolean covered(String id) {
    return ref.tasks().stream()
        .map(RefTask::activation)
        .anyMatch(
            a ->
                a != null
                    && a.of().equals(id)
                    && (a.when().equals("failure")
                        || (a.when().equals("schema_mismatch") && schemaFailure.get(id))));
  }

  private static UnitExpectation skipped(RefTask task, String reason, Boolean held) {
    return new UnitExpectation(
        task.id(), task.llm(), "skipped", 0, task.maxAttempts(), 0, 0, 0, null, reason, held, null);
  }

  private static UnitExpectation notRun(RefTask task) {
    return new UnitExpectation(
        task.id(), task.llm(), "not_run", 0, task.maxAttempts(), 0, 0, 0, null, null, null, null);
  }
}
