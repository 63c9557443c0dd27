package dev.krako.graph;

import static dev.krako.graph.KoraGraphJson.RECEIVED_AT;
import static dev.krako.graph.KoraGraphJson.WITH_TENANT;
import static dev.krako.graph.KoraGraphJson.parseKora;
import static dev.krako.graph.KoraGraphJson.sample;
import static dev.krako.graph.KoraGraphJson.tree;
import static dev.krako.graph.Parsing.accepted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The three KORA Task IR 0.1 graphs KORA's code emits, mapped to 1.x. */
final class KoraSamplesTest {

  private static final String DEFAULT = "v0.1-real-workload-harness-default.json";
  private static final String ESCALATION = "v0.1-real-workload-harness-escalation.json";
  private static final String ADAPTIVE = "v0.1-adaptive-ladder.json";

  private static TaskGraph mapped(String sample) {
    return accepted(parseKora(sample(sample), WITH_TENANT));
  }

  @ParameterizedTest
  @ValueSource(strings = {DEFAULT, ESCALATION, ADAPTIVE})
  void eachSampleIsAcceptedWithTheGraphIdentityFromItsHeaders(String sample) {
    TaskGraph graph = mapped(sample);

    assertThat(graph.sourceFormat()).isEqualTo(SourceFormat.KORA_IR_0_1);
    assertThat(graph.schemaVersion()).isEqualTo("1.0");
    assertThat(graph.tenantId()).isEqualTo("tenant-1");
    assertThat(graph.requestId()).isEqualTo(graph.graphId());
    assertThat(graph.createdAt()).isEqualTo(RECEIVED_AT);
    assertThat(graph.failurePolicy()).isEqualTo(FailurePolicy.FAIL_FAST);
    assertThat(graph.budgets().maxCostUsd()).isNull();
  }

  @Test
  void theDefaultHarnessMapsToAChainOfTwoDetUnitsAndOneMediumLlm() {
    TaskGraph graph = mapped(DEFAULT);

    assertThat(graph.graphId()).isEqualTo("real-workload-harness");
    assertThat(graph.workUnits())
        .extracting(WorkUnit::id, WorkUnit::type, WorkUnit::dependencies, WorkUnit::maxAttempts)
        .containsExactly(
            tuple("task_parse_constraints", UnitType.DETERMINISTIC, List.of(), 1),
            tuple("task_pre", UnitType.DETERMINISTIC, List.of("task_parse_constraints"), 1),
            tuple("task_llm", UnitType.LLM, List.of("task_pre"), 2));
    assertThat(graph.finalOutputs()).containsExactly("task_llm");
    assertThat(graph.budgets()).isEqualTo(new Budgets(2, 2, 400, 20_000, null));
  }

  @Test
  void theDefaultHarnessLlmUnitCarriesTierAdapterInputBudgetsAndSkipCondition() {
    WorkUnit llm = mapped(DEFAULT).unit("task_llm").orElseThrow();

    assertThat(at(llm.runJson(), "/tier").asText()).isEqualTo("medium");
    assertThat(at(llm.runJson(), "/adapter").asText()).isEqualTo("openai");
    assertThat(at(llm.runJson(), "/input").fieldNames()).toIterable().containsExactly("question");
    assertThat(at(llm.runJson(), "/input/question").asText()).startsWith("TASK:PPT_OUTLINE");
    assertThat(llm.skipIf()).isEqualTo(new SkipCondition("$.is_simple", "true"));
    assertThat(llm.budgetTokens()).isEqualTo(400);
    assertThat(llm.runTimeoutMs()).isEqualTo(20_000);
    assertThat(llm.backoffMs()).isZero();
    assertThat(llm.inputJson()).isEqualTo("{}");
    assertThat(llm.verificationMode()).isEqualTo(VerificationMode.SCHEMA);
    assertThat(tree(llm.outputSchemaJson()))
        .isEqualTo(tree("{\"type\":\"object\",\"required\":[\"status\",\"task_id\",\"answer\"]}"));
  }

  @Test
  void theDefaultHarnessDetUnitsRunTheirHandlersVerifiedWithRulesFolded() {
    TaskGraph graph = mapped(DEFAULT);
    WorkUnit parse = graph.unit("task_parse_constraints").orElseThrow();
    WorkUnit pre = graph.unit("task_pre").orElseThrow();

    assertThat(at(parse.runJson(), "/handler").asText()).isEqualTo("parse_request_constraints");
    assertThat(at(parse.runJson(), "/args/text").asText())
        .startsWith("User asks for a concise summary");
    assertThat(tree(parse.inputJson()).get("text").asText())
        .startsWith("User asks for a concise summary");
    assertThat(parse.verificationMode()).isEqualTo(VerificationMode.SCHEMA);
    assertThat(tree(parse.outputSchemaJson()).get("required")).hasSize(7);
    assertThat(parse.budgetTokens()).isNull();
    assertThat(parse.runTimeoutMs()).isNull();
    assertThat(parse.skipIf()).isNull();
    assertThat(pre.verificationMode()).isEqualTo(VerificationMode.SCHEMA);
    assertThat(tree(pre.outputSchemaJson()))
        .isEqualTo(
            tree(
                """
                {"allOf": [
                  {"type": "object", "required": ["status", "task_id", "is_simple"]},
                  {"required": ["status", "task_id", "is_simple"]}]}
                """));
  }

  @Test
  void theEscalationHarnessMapsTheMiniGateFullChainWithItsTiersAndSkips() {
    TaskGraph graph = mapped(ESCALATION);

    assertThat(graph.workUnits())
        .extracting(WorkUnit::id, WorkUnit::type, WorkUnit::maxAttempts)
        .containsExactly(
            tuple("task_parse_constraints", UnitType.DETERMINISTIC, 1),
            tuple("task_pre", UnitType.DETERMINISTIC, 1),
            tuple("task_llm_mini", UnitType.LLM, 2),
            tuple("task_quality_gate", UnitType.DETERMINISTIC, 1),
            tuple("task_llm_full", UnitType.LLM, 2));
    assertThat(graph.unit("task_quality_gate").orElseThrow().dependencies())
        .containsExactly("task_llm_mini");
    assertThat(graph.unit("task_llm_full").orElseThrow().dependencies())
        .containsExactly("task_quality_gate");
    assertThat(graph.finalOutputs()).containsExactly("task_llm_full");
    assertThat(graph.budgets()).isEqualTo(new Budgets(4, 3, 400, 20_000, null));
  }

  @Test
  void theEscalationHarnessLlmUnitsHaveTheirOwnTiersBudgetsAndSkipConditions() {
    TaskGraph graph = mapped(ESCALATION);
    WorkUnit mini = graph.unit("task_llm_mini").orElseThrow();
    WorkUnit full = graph.unit("task_llm_full").orElseThrow();

    assertThat(at(mini.runJson(), "/tier").asText()).isEqualTo("small");
    assertThat(at(mini.runJson(), "/adapter").asText()).isEqualTo("openai_mini");
    assertThat(at(full.runJson(), "/tier").asText()).isEqualTo("large");
    assertThat(mini.budgetTokens()).isEqualTo(220);
    assertThat(mini.runTimeoutMs()).isEqualTo(12_000);
    assertThat(full.budgetTokens()).isEqualTo(400);
    assertThat(full.runTimeoutMs()).isEqualTo(22_000);
    assertThat(mini.skipIf()).isEqualTo(new SkipCondition("$.is_simple", "true"));
    assertThat(full.skipIf()).isEqualTo(new SkipCondition("$.message", "\"skip_full\""));
    assertThat(at(full.runJson(), "/input").has("skip_if")).isFalse();
    assertThat(tree(mini.outputSchemaJson()))
        .isEqualTo(tree("{\"type\":\"object\",\"required\":[\"status\",\"task_id\",\"slides\"]}"));
    WorkUnit gate = graph.unit("task_quality_gate").orElseThrow();
    assertThat(at(gate.runJson(), "/args/dep_task_id").asText()).isEqualTo("task_llm_mini");
    assertThat(gate.verificationMode()).isEqualTo(VerificationMode.SCHEMA);
  }

  @Test
  void theAdaptiveLadderRunsAsOneSmallCallWithTheLadderKeptVisible() {
    TaskGraph graph = mapped(ADAPTIVE);

    assertThat(graph.graphId()).isEqualTo("adaptive-multi-stage");
    assertThat(graph.workUnits()).hasSize(1);
    WorkUnit unit = graph.workUnits().get(0);
    assertThat(unit.id()).isEqualTo("task_llm");
    assertThat(unit.type()).isEqualTo(UnitType.LLM);
    assertThat(unit.maxAttempts()).isEqualTo(1);
    assertThat(unit.activation()).isNull();
    assertThat(unit.budgetTokens()).isNull();
    assertThat(unit.verificationMode()).isEqualTo(VerificationMode.SCHEMA);
    assertThat(at(unit.runJson(), "/tier").asText()).isEqualTo("small");
    assertThat(at(unit.runJson(), "/adapter").asText()).isEqualTo("mock_mini");
    assertThat(at(unit.runJson(), "/adaptive"))
        .isEqualTo(
            tree(
                """
                {"min_confidence_to_stop": 0.85, "max_escalations": 2,
                 "escalation_order": ["gate", "full"], "use_voi": false}
                """));
    assertThat(graph.finalOutputs()).containsExactly("task_llm");
    assertThat(graph.budgets()).isEqualTo(new Budgets(1, 0, 300, 1_500, null));
  }

  @Test
  void aRequestHeaderIsTheRequestId() {
    Submission submission = new Submission("tenant-1", "request-9", RECEIVED_AT);

    assertThat(accepted(parseKora(sample(DEFAULT), submission)).requestId()).isEqualTo("request-9");
  }

  /** The node at a JSON pointer in a run or schema JSON; it must be there. */
  private static JsonNode at(String json, String pointer) {
    JsonNode found = tree(json).at(pointer);
    assertThat(found.isMissingNode()).as("%s in %s", pointer, json).isFalse();
    return found;
  }
}
