package dev.krako.graph;

import static dev.krako.graph.GraphJson.graph;
import static dev.krako.graph.Parsing.accepted;
import static dev.krako.graph.Parsing.parse;
import static dev.krako.graph.UnitJson.deterministic;
import static dev.krako.graph.UnitJson.llm;
import static dev.krako.graph.UnitJson.unit;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What an accepted document becomes: field mapping and the defaults of the contract. */
final class AcceptedGraphTest {

  @Test
  void theGraphFieldsMapIntoTheTaskGraph() {
    GraphJson document =
        graph(deterministic("a"))
            .with("schema_version", "1.1")
            .with("graph_id", "graph-42")
            .with("request_id", "request-7")
            .with("tenant_id", "tenant-9")
            .with("created_at", "2026-03-04T05:06:07.089Z")
            .with("budgets.max_llm_calls", 3)
            .with("budgets.max_cpu_units", 40)
            .with("budgets.max_tokens", 5_000)
            .with("budgets.max_latency_ms", 120_000)
            .with("budgets.max_cost_usd", new BigDecimal("2.50"))
            .with("policies.failure_policy", "continue_on_error");

    TaskGraph graph = accepted(parse(document));

    assertThat(graph.schemaVersion()).isEqualTo("1.1");
    assertThat(graph.graphId()).isEqualTo("graph-42");
    assertThat(graph.requestId()).isEqualTo("request-7");
    assertThat(graph.tenantId()).isEqualTo("tenant-9");
    assertThat(graph.createdAt()).isEqualTo(Instant.parse("2026-03-04T05:06:07.089Z"));
    assertThat(graph.budgets().maxLlmCalls()).isEqualTo(3);
    assertThat(graph.budgets().maxCpuUnits()).isEqualTo(40);
    assertThat(graph.budgets().maxTokens()).isEqualTo(5_000);
    assertThat(graph.budgets().maxLatencyMs()).isEqualTo(120_000);
    assertThat(graph.budgets().maxCostUsd()).isEqualByComparingTo("2.5");
    assertThat(graph.failurePolicy()).isEqualTo(FailurePolicy.CONTINUE_ON_ERROR);
  }

  @Test
  void withoutACostCapTheBudgetHasNone() {
    assertThat(accepted(parse(graph(deterministic("a")))).budgets().maxCostUsd()).isNull();
  }

  @Test
  void theFailurePolicyDefaultsToFailFast() {
    assertThat(accepted(parse(graph(deterministic("a")))).failurePolicy())
        .isEqualTo(FailurePolicy.FAIL_FAST);
    assertThat(
            accepted(parse(graph(deterministic("a")).with("policies", Map.of()))).failurePolicy())
        .isEqualTo(FailurePolicy.FAIL_FAST);
    assertThat(
            accepted(parse(graph(deterministic("a")).with("policies.failure_policy", "fail_fast")))
                .failurePolicy())
        .isEqualTo(FailurePolicy.FAIL_FAST);
  }

  @Test
  void aUnitWithOnlyItsRequiredFieldsGetsTheContractDefaults() {
    GraphJson document = graph(deterministic("a").without("dependencies"));

    WorkUnit unit = accepted(parse(document)).workUnits().get(0);

    assertThat(unit.dependencies()).isEmpty();
    assertThat(unit.inputJson()).isEqualTo("{}");
    assertThat(unit.privacy()).isEqualTo(Privacy.ALLOW_REMOTE);
    assertThat(unit.trustedNodeRequired()).isFalse();
    assertThat(unit.budgetTokens()).isNull();
    assertThat(unit.maxAttempts()).isEqualTo(1);
    assertThat(unit.backoffMs()).isZero();
    assertThat(unit.runTimeoutMs()).isNull();
    assertThat(unit.idempotent()).isFalse();
    assertThat(unit.outputSchemaJson()).isNull();
  }

  @Test
  void theUnitFieldsMapIntoTheWorkUnit() {
    UnitJson declared =
        llm("answer", "a")
            .with("input", Map.of("question", "Why?"))
            .with("run", Map.of("tier", "large", "model", "m-1", "prompt", "Answer."))
            .with("constraints.trusted_node_required", false)
            .with("constraints.budget_tokens", 800)
            .with("retries.max_attempts", 3)
            .with("retries.backoff_ms", 250)
            .with("timeouts.run_timeout_ms", 30_000)
            .with("idempotent", true)
            .with("output_schema", Map.of("type", "object"));

    WorkUnit unit =
        accepted(parse(graph(deterministic("a"), declared))).unit("answer").orElseThrow();

    assertThat(unit.id()).isEqualTo("answer");
    assertThat(unit.type()).isEqualTo(UnitType.LLM);
    assertThat(unit.dependencies()).containsExactly("a");
    assertThat(json(unit.inputJson())).isEqualTo(json("{\"question\":\"Why?\"}"));
    assertThat(json(unit.runJson()))
        .isEqualTo(json("{\"tier\":\"large\",\"model\":\"m-1\",\"prompt\":\"Answer.\"}"));
    assertThat(unit.privacy()).isEqualTo(Privacy.ALLOW_REMOTE);
    assertThat(unit.trustedNodeRequired()).isFalse();
    assertThat(unit.budgetTokens()).isEqualTo(800L);
    assertThat(unit.maxAttempts()).isEqualTo(3);
    assertThat(unit.backoffMs()).isEqualTo(250L);
    assertThat(unit.runTimeoutMs()).isEqualTo(30_000L);
    assertThat(unit.idempotent()).isTrue();
    assertThat(json(unit.outputSchemaJson())).isEqualTo(json("{\"type\":\"object\"}"));
  }

  @ParameterizedTest
  @CsvSource({
    "deterministic,DETERMINISTIC",
    "retrieval,RETRIEVAL",
    "small_model,SMALL_MODEL",
    "llm,LLM"
  })
  void eachWireTypeMapsToItsUnitType(String wireName, UnitType type) {
    assertThat(accepted(parse(graph(unit("a", wireName)))).workUnits().get(0).type())
        .isEqualTo(type);
  }

  @Test
  void retriesWithoutBackoffRetryAtOnce() {
    WorkUnit unit =
        accepted(parse(graph(deterministic("a").with("retries.max_attempts", 4))))
            .workUnits()
            .get(0);

    assertThat(unit.maxAttempts()).isEqualTo(4);
    assertThat(unit.backoffMs()).isZero();
  }

  @Test
  void theLegacyLocalOnlyFlagMeansLocalOnly() {
    WorkUnit unit =
        accepted(parse(graph(deterministic("a").with("constraints.local_only", true))))
            .workUnits()
            .get(0);

    assertThat(unit.privacy()).isEqualTo(Privacy.LOCAL_ONLY);
  }

  @Test
  void theStricterOfPrivacyAndTheLegacyFlagWins() {
    UnitJson unit =
        deterministic("a")
            .with("constraints.privacy", "allow_remote")
            .with("constraints.local_only", true);

    assertThat(accepted(parse(graph(unit))).workUnits().get(0).privacy())
        .isEqualTo(Privacy.LOCAL_ONLY);
  }

  @Test
  void aLegacyFlagThatIsFalseAllowsRemote() {
    WorkUnit unit =
        accepted(parse(graph(deterministic("a").with("constraints.local_only", false))))
            .workUnits()
            .get(0);

    assertThat(unit.privacy()).isEqualTo(Privacy.ALLOW_REMOTE);
  }

  @Test
  void aTrustedCpuUnitKeepsItsFlag() {
    WorkUnit unit =
        accepted(
                parse(
                    graph(unit("a", "retrieval").with("constraints.trusted_node_required", true))))
            .workUnits()
            .get(0);

    assertThat(unit.trustedNodeRequired()).isTrue();
  }

  @Test
  void unitsKeepTheirDeclarationOrder() {
    TaskGraph graph =
        accepted(
            parse(graph(deterministic("z"), deterministic("a", "z"), deterministic("m", "z"))));

    assertThat(graph.workUnits()).extracting(WorkUnit::id).containsExactly("z", "a", "m");
  }

  @Test
  void theSingleSinkIsTheFinalOutputByDefault() {
    TaskGraph graph =
        accepted(
            parse(graph(deterministic("c", "b"), deterministic("a"), deterministic("b", "a"))));

    assertThat(graph.finalOutputs()).containsExactly("c");
  }

  @Test
  void everySinkInDeclarationOrderIsAFinalOutputByDefault() {
    TaskGraph graph =
        accepted(
            parse(
                graph(
                    deterministic("r"),
                    deterministic("z", "r"),
                    deterministic("b", "r"),
                    deterministic("mid", "r"),
                    deterministic("m", "mid"))));

    assertThat(graph.finalOutputs()).containsExactly("z", "b", "m");
  }

  @Test
  void aDeclaredFinalOutputIsHonoured() {
    TaskGraph graph =
        accepted(
            parse(
                graph(deterministic("a"), deterministic("b", "a"), deterministic("c", "a"))
                    .with("outputs.final", "a")));

    assertThat(graph.finalOutputs()).containsExactly("a");
  }

  @Test
  void anUnknownTopLevelFieldIsIgnored() {
    assertThat(accepted(parse(graph(deterministic("a")).with("x_trace", "abc"))).graphId())
        .isEqualTo("g-1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dependencies",
        "input",
        "constraints",
        "constraints.privacy",
        "constraints.local_only",
        "constraints.trusted_node_required",
        "constraints.budget_tokens",
        "retries",
        "retries.backoff_ms",
        "timeouts",
        "timeouts.run_timeout_ms",
        "idempotent",
        "output_schema"
      })
  void anOptionalUnitFieldThatIsNullTakesItsDefault(String field) {
    UnitJson unit = deterministic("a").with("retries.max_attempts", 2).with(field, null);

    assertThat(accepted(parse(graph(unit))).workUnits()).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "policies",
        "policies.failure_policy",
        "outputs",
        "outputs.final",
        "budgets.max_cost_usd"
      })
  void anOptionalGraphFieldThatIsNullTakesItsDefault(String field) {
    TaskGraph graph = accepted(parse(graph(deterministic("a")).with(field, null)));

    assertThat(graph.failurePolicy()).isEqualTo(FailurePolicy.FAIL_FAST);
    assertThat(graph.finalOutputs()).containsExactly("a");
  }

  private static JsonNode json(String text) {
    try {
      return GraphJson.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
