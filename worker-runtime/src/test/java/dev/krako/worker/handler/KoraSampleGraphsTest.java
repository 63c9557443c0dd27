package dev.krako.worker.handler;

import static dev.krako.worker.handler.Invocations.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the deterministic tasks of KORA's real-workload sample graphs, in their listed (topological)
 * order, with canned outputs standing in for the model calls.
 */
class KoraSampleGraphsTest {

  private static final String DEFAULT_GRAPH =
      "/handler/samples/v0.1-real-workload-harness-default.json";
  private static final String ESCALATION_GRAPH =
      "/handler/samples/v0.1-real-workload-harness-escalation.json";

  private final HandlerRegistry registry = HandlerRegistry.koraDefaults();

  @Test
  void theDefaultHarnessParsesItsRequestAndFindsItsPromptLong() throws HandlerFailure {
    Map<String, JsonNode> outputs = run(DEFAULT_GRAPH, Map.of());

    JsonNode constraints = outputs.get("task_parse_constraints");
    assertThat(constraints.get("slide_count").intValue()).isEqualTo(18);
    assertThat(constraints.get("topic_domains")).isEqualTo(json("['rollout_plan', 'risk']"));
    // The prompt is well over 80 code points, so task_llm is not skipped: one model call.
    assertThat(outputs.get("task_pre").get("is_simple").booleanValue()).isFalse();
  }

  @Test
  void theEscalationGateSkipsTheFullCallForAGoodSkeleton() throws HandlerFailure {
    Map<String, JsonNode> outputs = run(ESCALATION_GRAPH, Map.of("task_llm_mini", skeleton(18)));

    assertThat(outputs.get("task_quality_gate"))
        .isEqualTo(
            json(
                "{'status': 'ok', 'task_id': 'task_quality_gate', 'message': 'skip_full',"
                    + " 'needs_refine': false, 'reason': 'mini_satisfies_contract'}"));
  }

  @Test
  void theEscalationGateRunsTheFullCallForAShortSkeleton() throws HandlerFailure {
    Map<String, JsonNode> outputs = run(ESCALATION_GRAPH, Map.of("task_llm_mini", skeleton(12)));

    JsonNode gate = outputs.get("task_quality_gate");
    assertThat(gate.get("message").asText()).isEqualTo("run_full");
    assertThat(gate.get("reason").asText()).isEqualTo("slide_count_mismatch");
  }

  /**
   * Runs every task of the graph: det tasks through the registry, each output checked against the
   * task's {@code verify.schema.required}; llm tasks answered from {@code modelOutputs}.
   */
  private Map<String, JsonNode> run(String graph, Map<String, JsonNode> modelOutputs)
      throws HandlerFailure {
    Map<String, JsonNode> outputs = new HashMap<>();
    for (JsonNode task : Invocations.resource(graph).get("tasks")) {
      String id = task.get("id").asText();
      if (!task.at("/run/kind").asText().equals("det")) {
        outputs.put(id, modelOutputs.getOrDefault(id, json("{'status': 'ok', 'answer': 'a'}")));
        continue;
      }
      ObjectNode output = runDet(task, outputs);
      for (JsonNode field : task.at("/verify/schema/required")) {
        assertThat(output.has(field.asText())).as("%s has %s", id, field).isTrue();
      }
      outputs.put(id, output);
    }
    return outputs;
  }

  private ObjectNode runDet(JsonNode task, Map<String, JsonNode> outputs) throws HandlerFailure {
    List<String> deps = new ArrayList<>();
    Map<String, JsonNode> depOutputs = new HashMap<>();
    for (JsonNode dep : task.get("deps")) {
      deps.add(dep.asText());
      depOutputs.put(dep.asText(), outputs.get(dep.asText()));
    }
    HandlerInvocation invocation =
        new HandlerInvocation(
            task.get("id").asText(),
            task.get("in"),
            task.at("/run/spec/args"),
            deps,
            depOutputs,
            0,
            "sample-session");
    return registry.find(task.at("/run/spec/handler").asText()).orElseThrow().handle(invocation);
  }

  private static JsonNode skeleton(int slides) {
    ObjectNode mini = JsonNodeFactory.instance.objectNode();
    mini.put("status", "ok").put("task_id", "task_llm_mini");
    ArrayNode array = mini.putArray("slides");
    for (int i = 1; i <= slides; i++) {
      array.add(json("{'i': " + i + ", 'title': 'T', 'msg': 'M', 'bullets': ['B']}"));
    }
    return mini;
  }
}
