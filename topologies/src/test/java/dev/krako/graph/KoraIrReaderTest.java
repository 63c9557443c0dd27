package dev.krako.graph;

import static dev.krako.graph.KoraGraphJson.RECEIVED_AT;
import static dev.krako.graph.KoraGraphJson.det;
import static dev.krako.graph.KoraGraphJson.koraGraph;
import static dev.krako.graph.KoraGraphJson.llm;
import static dev.krako.graph.KoraGraphJson.parseKora;
import static dev.krako.graph.KoraGraphJson.tree;
import static dev.krako.graph.Parsing.accepted;
import static dev.krako.graph.Parsing.assertViolations;
import static dev.krako.graph.Parsing.rejected;
import static dev.krako.graph.Parsing.violations;
import static dev.krako.graph.ViolationCode.BUDGET_UNSATISFIABLE;
import static dev.krako.graph.ViolationCode.DAG_CYCLE;
import static dev.krako.graph.ViolationCode.DUPLICATE_WORK_UNIT_ID;
import static dev.krako.graph.ViolationCode.EMPTY_GRAPH;
import static dev.krako.graph.ViolationCode.MISSING_FIELD;
import static dev.krako.graph.ViolationCode.NEGATIVE_BUDGET;
import static dev.krako.graph.ViolationCode.TOO_LARGE;
import static dev.krako.graph.ViolationCode.UNKNOWN_DEPENDENCY;
import static dev.krako.graph.ViolationCode.UNKNOWN_WORK_UNIT_TYPE;
import static dev.krako.graph.ViolationCode.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The KORA Task IR 0.1 → 1.x mapping, one rule at a time (docs/kora-0.1-mapping.md). */
final class KoraIrReaderTest {

  private static TaskGraph mapped(KoraGraphJson document) {
    return accepted(parseKora(document));
  }

  private static WorkUnit only(KoraGraphJson document) {
    TaskGraph graph = mapped(document);
    assertThat(graph.workUnits()).hasSize(1);
    return graph.workUnits().get(0);
  }

  @Nested
  final class Identity {

    @Test
    void theGraphIsCanonical10FromKoraIr01() {
      TaskGraph graph = mapped(koraGraph(det("a")).with("graph_id", "g-7"));

      assertThat(graph.schemaVersion()).isEqualTo("1.0");
      assertThat(graph.sourceFormat()).isEqualTo(SourceFormat.KORA_IR_0_1);
      assertThat(graph.graphId()).isEqualTo("g-7");
      assertThat(graph.createdAt()).isEqualTo(RECEIVED_AT);
      assertThat(graph.failurePolicy()).isEqualTo(FailurePolicy.FAIL_FAST);
    }

    @Test
    void theTenantAndRequestComeFromTheRecordHeaders() {
      Submission headers = new Submission("tenant-9", "request-3", RECEIVED_AT);

      TaskGraph graph = accepted(parseKora(koraGraph(det("a")).bytes(), headers));

      assertThat(graph.tenantId()).isEqualTo("tenant-9");
      assertThat(graph.requestId()).isEqualTo("request-3");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "  "})
    void withoutARequestHeaderTheRequestIdIsTheGraphId(String requestHeader) {
      Submission headers = new Submission("tenant-9", requestHeader, RECEIVED_AT);

      TaskGraph graph =
          accepted(parseKora(koraGraph(det("a")).with("graph_id", "g-5").bytes(), headers));

      assertThat(graph.requestId()).isEqualTo("g-5");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " \t"})
    void withoutATenantHeaderTheGraphIsRejected(String tenantHeader) {
      Submission headers = new Submission(tenantHeader, "request-3", RECEIVED_AT);

      ParseOutcome outcome = parseKora(koraGraph(det("a")).bytes(), headers);

      assertViolations(outcome).containsExactly(tuple(MISSING_FIELD, "$.tenant_id"));
      assertThat(violations(outcome).get(0).message()).contains("krako-tenant-id", "header");
    }

    @Test
    void aRejectionCarriesTheIdentityItCouldRead() {
      ParseOutcome.Rejected rejection =
          rejected(parseKora(koraGraph(det("a")).with("graph_id", "g-3").without("defaults")));

      assertThat(rejection.graphId()).isEqualTo("g-3");
      assertThat(rejection.tenantId()).isEqualTo("tenant-1");
      assertThat(rejection.requestId()).isEqualTo("g-3");
    }

    @Test
    void theGraphIdIsRequired() {
      assertViolations(parseKora(koraGraph(det("a")).without("graph_id")))
          .containsExactly(tuple(MISSING_FIELD, "$.graph_id"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 129})
    void theGraphIdHas1To128Characters(int length) {
      assertViolations(parseKora(koraGraph(det("a")).with("graph_id", "g".repeat(length))))
          .containsExactly(tuple(WRONG_TYPE, "$.graph_id"));
    }

    @Test
    void aGraphIdOf128CharactersIsAccepted() {
      assertThat(mapped(koraGraph(det("a")).with("graph_id", "g".repeat(128))).graphId())
          .hasSize(128);
    }

    @Test
    void theGraphIdLengthCountsCodePoints() {
      assertThat(mapped(koraGraph(det("a")).with("graph_id", "😀".repeat(128))).graphId())
          .hasSize(256);
      assertViolations(parseKora(koraGraph(det("a")).with("graph_id", "😀".repeat(129))))
          .containsExactly(tuple(WRONG_TYPE, "$.graph_id"));
    }

    @Test
    void aDocumentWithoutHeadersIsRejectedForItsTenantOnly() {
      assertViolations(Parsing.PARSER.parse(koraGraph(det("a")).bytes()))
          .containsExactly(tuple(MISSING_FIELD, "$.tenant_id"));
    }

    @Test
    void aGraphIdThatIsNotAStringIsTheWrongType() {
      assertViolations(parseKora(koraGraph(det("a")).with("graph_id", 7)))
          .containsExactly(tuple(WRONG_TYPE, "$.graph_id"));
    }

    @Test
    void theVersionIsTheString01() {
      assertViolations(parseKora(koraGraph(det("a")).with("version", 0.1)))
          .containsExactly(tuple(WRONG_TYPE, "$.version"));
    }
  }

  @Nested
  final class SessionBudgets {

    @Test
    void theDefaultBudgetBoundsTheSessionTimeAndTokens() {
      Budgets budgets =
          mapped(
                  koraGraph(det("a"))
                      .with("defaults.budget.max_time_ms", 9_000)
                      .with("defaults.budget.max_tokens", 700))
              .budgets();

      assertThat(budgets.maxLatencyMs()).isEqualTo(9_000);
      assertThat(budgets.maxTokens()).isEqualTo(700);
      assertThat(budgets.maxCostUsd()).isNull();
    }

    @Test
    void theCallCapsAreEveryDeclaredAttemptOfEachKind() {
      KoraGraphJson document =
          koraGraph(
              det("d1"),
              det("d2", "d1").retrying().with("policy.budget.max_retries", 2),
              llm("l1", "openai", "d2").retrying(),
              llm("l2", "openai_full", "l1"),
              llm("l3", "openai_mini", "l1").retrying().with("policy.budget.max_retries", 0));

      Budgets budgets = mapped(document).budgets();

      // d1: 1, d2: 3; l1: 1 + defaults' 1 retry, l2: 1, l3: 1.
      assertThat(budgets.maxCpuUnits()).isEqualTo(4);
      assertThat(budgets.maxLlmCalls()).isEqualTo(4);
    }

    @Test
    void aGraphWithoutLlmTasksMayMakeNoModelCall() {
      assertThat(mapped(koraGraph(det("a"))).budgets().maxLlmCalls()).isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_time_ms", "max_tokens"})
    void aNegativeDefaultBudgetIsRejected(String field) {
      assertViolations(parseKora(koraGraph(det("a")).with("defaults.budget." + field, -1)))
          .containsExactly(tuple(NEGATIVE_BUDGET, "$.defaults.budget." + field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_time_ms", "max_tokens", "max_retries"})
    void aDefaultBudgetThatIsNotAnIntegerIsTheWrongType(String field) {
      assertViolations(parseKora(koraGraph(det("a")).with("defaults.budget." + field, "10")))
          .containsExactly(tuple(WRONG_TYPE, "$.defaults.budget." + field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_time_ms", "max_tokens"})
    void aMissingDefaultLimitIsAMissingField(String field) {
      assertViolations(parseKora(koraGraph(det("a")).without("defaults.budget." + field)))
          .containsExactly(tuple(MISSING_FIELD, "$.defaults.budget." + field));
    }

    @Test
    void theDefaultRetriesMayBeAbsent() {
      assertThat(
              only(koraGraph(det("a").retrying()).without("defaults.budget.max_retries"))
                  .maxAttempts())
          .isEqualTo(1);
    }

    @Test
    void noTokensForAMandatoryLlmTaskIsUnsatisfiable() {
      assertViolations(
              parseKora(
                  koraGraph(det("a"), llm("b", "openai", "a"))
                      .with("defaults.budget.max_tokens", 0)))
          .containsExactly(tuple(BUDGET_UNSATISFIABLE, "$.defaults.budget.max_tokens"));
    }

    @Test
    void noTokensFitAGraphWhoseLlmTasksMayBeSkipped() {
      KoraGraphJson document =
          koraGraph(
                  det("a"),
                  llm("b", "openai", "a")
                      .with("run.spec.input.skip_if.path", "$.is_simple")
                      .with("run.spec.input.skip_if.equals", true))
              .with("defaults.budget.max_tokens", 0);

      assertThat(mapped(document).budgets().maxTokens()).isZero();
    }

    @Test
    void noTokensFitAGraphWithoutLlmTasks() {
      assertThat(
              mapped(koraGraph(det("a")).with("defaults.budget.max_tokens", 0))
                  .budgets()
                  .maxTokens())
          .isZero();
    }

    @Test
    void aMissingDefaultBudgetIsAMissingField() {
      assertViolations(parseKora(koraGraph(det("a")).without("defaults.budget")))
          .containsExactly(tuple(MISSING_FIELD, "$.defaults.budget"));
    }

    @Test
    void missingDefaultsAreAMissingField() {
      assertViolations(parseKora(koraGraph(det("a")).without("defaults")))
          .containsExactly(tuple(MISSING_FIELD, "$.defaults"));
    }

    @Test
    void defaultsThatAreNotAnObjectAreTheWrongType() {
      assertViolations(parseKora(koraGraph(det("a")).with("defaults.budget", List.of(1))))
          .containsExactly(tuple(WRONG_TYPE, "$.defaults.budget"));
    }
  }

  @Nested
  final class Tasks {

    @Test
    void tasksBecomeWorkUnitsInDeclarationOrder() {
      TaskGraph graph = mapped(koraGraph(det("c"), det("a", "c"), llm("b", "openai", "a", "c")));

      assertThat(graph.workUnits())
          .extracting(WorkUnit::id, WorkUnit::dependencies)
          .containsExactly(
              tuple("c", List.of()), tuple("a", List.of("c")), tuple("b", List.of("a", "c")));
    }

    @Test
    void inIsTheInputAndDefaultsToAnEmptyObject() {
      TaskGraph graph =
          mapped(koraGraph(det("a").with("in.text", "hello"), det("b").without("in")));

      assertThat(tree(graph.unit("a").orElseThrow().inputJson()))
          .isEqualTo(tree("{\"text\":\"hello\"}"));
      assertThat(graph.unit("b").orElseThrow().inputJson()).isEqualTo("{}");
    }

    @Test
    void missingDepsMeanNoDependencies() {
      assertThat(only(koraGraph(det("a").without("deps"))).dependencies()).isEmpty();
    }

    @Test
    void theInformationalTypeAndTagsAreIgnored() {
      WorkUnit unit =
          only(koraGraph(llm("a", "openai").with("type", 42).with("tags", Map.of("x", 1))));

      assertThat(unit.type()).isEqualTo(UnitType.LLM);
    }

    @Test
    void everyOtherFieldHasTheContractDefault() {
      WorkUnit unit = only(koraGraph(llm("a", "openai")));

      assertThat(unit.privacy()).isEqualTo(Privacy.ALLOW_REMOTE);
      assertThat(unit.trustedNodeRequired()).isFalse();
      assertThat(unit.idempotent()).isFalse();
      assertThat(unit.criticality()).isEqualTo(Criticality.NORMAL);
      assertThat(unit.activation()).isNull();
      assertThat(unit.dispatchTimeoutMs()).isNull();
      assertThat(unit.backoffMs()).isZero();
      assertThat(unit.maxAttempts()).isEqualTo(1);
      assertThat(unit.budgetTokens()).isNull();
      assertThat(unit.runTimeoutMs()).isNull();
      assertThat(unit.skipIf()).isNull();
    }

    @Test
    void missingTasksAreAMissingField() {
      assertViolations(parseKora(koraGraph().without("tasks")))
          .containsExactly(tuple(MISSING_FIELD, "$.tasks"));
    }

    @Test
    void noTasksIsAnEmptyGraph() {
      assertViolations(parseKora(koraGraph())).containsExactly(tuple(EMPTY_GRAPH, "$.tasks"));
    }

    @Test
    void tasksThatAreNotAnArrayAreTheWrongType() {
      assertViolations(parseKora(koraGraph().with("tasks", Map.of("id", "a"))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks"));
    }

    @Test
    void moreTasksThanTheLimitAreTooLarge() {
      GraphParser small = new GraphParser(new IngressLimits(1 << 20, 2, 64));

      ParseOutcome outcome =
          small.parse(koraGraph(det("a"), det("b"), det("c")).bytes(), KoraGraphJson.WITH_TENANT);

      assertViolations(outcome).containsExactly(tuple(TOO_LARGE, "$.tasks"));
    }

    @Test
    void aTaskThatIsNotAnObjectIsTheWrongType() {
      KoraGraphJson document = koraGraph(det("a"));
      document.node().withArray("tasks").add("b");

      assertViolations(parseKora(document)).containsExactly(tuple(WRONG_TYPE, "$.tasks[1]"));
    }

    @Test
    void aTaskWithoutIdIsAMissingField() {
      assertViolations(parseKora(koraGraph(det("a"), det("b").without("id"))))
          .containsExactly(tuple(MISSING_FIELD, "$.tasks[1].id"));
    }

    @Test
    void anEmptyTaskIdIsRejected() {
      assertViolations(parseKora(koraGraph(det(""))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].id"));
    }

    @Test
    void inThatIsNotAnObjectIsTheWrongType() {
      assertViolations(parseKora(koraGraph(det("a").with("in", "text"))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].in"));
    }
  }

  @Nested
  final class Dag {

    @Test
    void aRepeatedIdIsADuplicate() {
      ParseOutcome outcome = parseKora(koraGraph(det("a"), det("b"), det("a", "b")));

      assertViolations(outcome).containsExactly(tuple(DUPLICATE_WORK_UNIT_ID, "$.tasks[2].id"));
      assertThat(violations(outcome).get(0).message()).contains("\"a\"");
    }

    @Test
    void aDependencyOnNoTaskIsUnknown() {
      ParseOutcome outcome = parseKora(koraGraph(det("a"), det("b", "a", "ghost")));

      assertViolations(outcome).containsExactly(tuple(UNKNOWN_DEPENDENCY, "$.tasks[1].deps[1]"));
      assertThat(violations(outcome).get(0).message()).contains("\"ghost\"");
    }

    @Test
    void aCycleIsNamedAtItsFirstTask() {
      ParseOutcome outcome = parseKora(koraGraph(det("x"), det("a", "b"), det("b", "a")));

      assertViolations(outcome).containsExactly(tuple(DAG_CYCLE, "$.tasks[1]"));
      assertThat(violations(outcome).get(0).message()).isEqualTo("a → b → a");
    }

    @Test
    void aTaskThatNeedsItselfIsACycleAtThatDependency() {
      assertViolations(parseKora(koraGraph(det("a", "a"))))
          .containsExactly(tuple(DAG_CYCLE, "$.tasks[0].deps[0]"));
    }

    @Test
    void aDependencyListedTwiceIsRejected() {
      assertViolations(parseKora(koraGraph(det("a"), det("b", "a", "a"))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[1].deps[1]"));
    }

    @Test
    void depsThatAreNotStringsAreTheWrongType() {
      assertViolations(parseKora(koraGraph(det("a"), det("b").with("deps", List.of("a", 3)))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[1].deps[1]"));
    }

    @Test
    void depsThatAreNotAnArrayAreTheWrongType() {
      assertViolations(parseKora(koraGraph(det("a"), det("b").with("deps", "a"))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[1].deps"));
    }

    @Test
    void aDependencyOnATaskWithOtherViolationsIsNotAlsoUnknown() {
      assertViolations(parseKora(koraGraph(det("a").with("run.kind", "gpu"), det("b", "a"))))
          .containsExactly(tuple(UNKNOWN_WORK_UNIT_TYPE, "$.tasks[0].run.kind"));
    }
  }

  @Nested
  final class FinalOutput {

    @Test
    void theRootIsTheFinalOutput() {
      assertThat(
              mapped(koraGraph(det("a"), det("b", "a"), det("c", "a")).with("root", "b"))
                  .finalOutputs())
          .containsExactly("b");
    }

    @Test
    void withoutRootTheSinksAreTheFinalOutputs() {
      assertThat(mapped(koraGraph(det("a"), det("b", "a"), det("c", "a"))).finalOutputs())
          .containsExactly("b", "c");
    }

    @Test
    void aRootThatNamesNoTaskIsAnUnknownDependency() {
      ParseOutcome outcome = parseKora(koraGraph(det("a")).with("root", "ghost"));

      assertViolations(outcome).containsExactly(tuple(UNKNOWN_DEPENDENCY, "$.root"));
      assertThat(violations(outcome).get(0).message()).contains("\"ghost\"");
    }

    @Test
    void aRootThatIsNotAStringIsTheWrongType() {
      assertViolations(parseKora(koraGraph(det("a")).with("root", List.of("a"))))
          .containsExactly(tuple(WRONG_TYPE, "$.root"));
    }
  }

  @Nested
  final class DetRun {

    @Test
    void aDetTaskIsADeterministicUnitRunningItsHandlerWithItsArgs() {
      WorkUnit unit =
          only(
              koraGraph(
                  det("a")
                      .with("run.spec.handler", "classify_simple")
                      .with("run.spec.args.text", "hi")));

      assertThat(unit.type()).isEqualTo(UnitType.DETERMINISTIC);
      assertThat(tree(unit.runJson()))
          .isEqualTo(tree("{\"handler\":\"classify_simple\",\"args\":{\"text\":\"hi\"}}"));
    }

    @Test
    void theArgsDefaultToAnEmptyObject() {
      assertThat(tree(only(koraGraph(det("a"))).runJson()))
          .isEqualTo(tree("{\"handler\":\"echo\",\"args\":{}}"));
    }

    @Test
    void theHandlerIsRequired() {
      assertViolations(parseKora(koraGraph(det("a").without("run.spec.handler"))))
          .containsExactly(tuple(MISSING_FIELD, "$.tasks[0].run.spec.handler"));
    }

    @Test
    void aBlankHandlerIsRejected() {
      assertViolations(parseKora(koraGraph(det("a").with("run.spec.handler", " "))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].run.spec.handler"));
    }

    @Test
    void aHandlerThatIsNotAStringIsTheWrongType() {
      assertViolations(parseKora(koraGraph(det("a").with("run.spec.handler", List.of("echo")))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].run.spec.handler"));
    }

    @Test
    void argsThatAreNotAnObjectAreTheWrongType() {
      assertViolations(parseKora(koraGraph(det("a").with("run.spec.args", List.of()))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].run.spec.args"));
    }
  }

  @Nested
  final class LlmRun {

    @Test
    void anLlmTaskIsAnLlmUnitWithTierAdapterAndInput() {
      WorkUnit unit = only(koraGraph(llm("a", "openai").with("run.spec.input.lang", "en")));

      assertThat(unit.type()).isEqualTo(UnitType.LLM);
      assertThat(tree(unit.runJson()))
          .isEqualTo(
              tree(
                  """
                  {"tier": "medium", "adapter": "openai",
                   "input": {"question": "Why?", "lang": "en"}}
                  """));
    }

    @ParameterizedTest
    @CsvSource({
      "mock_mini, small",
      "openai_mini, small",
      "openai, medium",
      "openai_full, large",
      "full, medium",
      "mini_openai, medium",
      "openai_MINI, medium",
      "_full, large"
    })
    void theTierComesFromTheAdapterNameSuffix(String adapter, String tier) {
      assertThat(tree(only(koraGraph(llm("a", adapter))).runJson()).get("tier").asText())
          .isEqualTo(tier);
    }

    @Test
    void withoutSpecInputTheModelInputIsEmpty() {
      WorkUnit unit = only(koraGraph(llm("a", "openai").without("run.spec.input")));

      assertThat(tree(unit.runJson()).get("input")).isEqualTo(tree("{}"));
    }

    @Test
    void thePerTaskBudgetCapsTheUnitTokensAndRunTime() {
      WorkUnit unit =
          only(
              koraGraph(
                  llm("a", "openai")
                      .with("policy.budget.max_tokens", 250)
                      .with("policy.budget.max_time_ms", 3_000)));

      assertThat(unit.budgetTokens()).isEqualTo(250);
      assertThat(unit.runTimeoutMs()).isEqualTo(3_000);
    }

    @Test
    void aDetTaskTakesOnlyTheRunTimeFromItsBudget() {
      WorkUnit unit =
          only(
              koraGraph(
                  det("a")
                      .with("policy.budget.max_tokens", 250)
                      .with("policy.budget.max_time_ms", 3_000)));

      assertThat(unit.budgetTokens()).isNull();
      assertThat(unit.runTimeoutMs()).isEqualTo(3_000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_tokens", "max_time_ms"})
    void aNegativeTaskBudgetIsRejected(String field) {
      assertViolations(parseKora(koraGraph(llm("a", "openai").with("policy.budget." + field, -5))))
          .containsExactly(tuple(NEGATIVE_BUDGET, "$.tasks[0].policy.budget." + field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_tokens", "max_time_ms", "max_retries"})
    void aTaskBudgetThatIsNotAnIntegerIsTheWrongType(String field) {
      assertViolations(parseKora(koraGraph(llm("a", "openai").with("policy.budget." + field, 1.5))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].policy.budget." + field));
    }

    @Test
    void theAdapterIsRequired() {
      assertViolations(parseKora(koraGraph(llm("a", "openai").without("run.spec.adapter"))))
          .containsExactly(tuple(MISSING_FIELD, "$.tasks[0].run.spec.adapter"));
    }

    @Test
    void anEmptyAdapterIsRejected() {
      assertViolations(parseKora(koraGraph(llm("a", ""))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].run.spec.adapter"));
    }

    @Test
    void anOutputSchemaThatIsNotAnObjectIsTheWrongType() {
      assertViolations(
              parseKora(koraGraph(llm("a", "openai").with("run.spec.output_schema", true))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].run.spec.output_schema"));
    }
  }

  @Nested
  final class RunKind {

    @ParameterizedTest
    @ValueSource(strings = {"retrieval", "deterministic", "LLM", "small_model", ""})
    void anyOtherKindIsAnUnknownWorkUnitType(String kind) {
      ParseOutcome outcome = parseKora(koraGraph(det("a").with("run.kind", kind)));

      assertViolations(outcome)
          .containsExactly(tuple(UNKNOWN_WORK_UNIT_TYPE, "$.tasks[0].run.kind"));
      assertThat(violations(outcome).get(0).message()).contains("det", "llm");
    }

    @Test
    void theRunIsRequired() {
      assertViolations(parseKora(koraGraph(det("a").without("run"))))
          .containsExactly(tuple(MISSING_FIELD, "$.tasks[0].run"));
    }

    @Test
    void theKindIsRequired() {
      assertViolations(parseKora(koraGraph(det("a").without("run.kind"))))
          .containsExactly(tuple(MISSING_FIELD, "$.tasks[0].run.kind"));
    }

    @Test
    void theSpecIsRequired() {
      assertViolations(parseKora(koraGraph(llm("a", "openai").without("run.spec"))))
          .containsExactly(tuple(MISSING_FIELD, "$.tasks[0].run.spec"));
    }

    @Test
    void aKindThatIsNotAStringIsTheWrongType() {
      assertViolations(parseKora(koraGraph(det("a").with("run.kind", 1))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].run.kind"));
    }
  }

  @Nested
  final class SkipIf {

    private static final String SKIP = "run.spec.input.skip_if";

    @ParameterizedTest
    @CsvSource(
        delimiter = '|',
        value = {
          "true|true",
          "\"skip_full\"|\"skip_full\"",
          "null|null",
          "3|3",
          "{\"a\":[1]}|{\"a\":[1]}"
        })
    void skipIfBecomesASkipConditionWithTheValueAsJson(String equals, String equalsJson) {
      WorkUnit unit =
          only(
              koraGraph(
                  llm("a", "openai")
                      .with(SKIP + ".path", "$.is_simple")
                      .with(SKIP + ".equals", tree(equals))));

      assertThat(unit.skipIf()).isEqualTo(new SkipCondition("$.is_simple", equalsJson));
      assertThat(unit.skipIf().key()).isEqualTo("is_simple");
    }

    @Test
    void theModelInputHasNoSkipIf() {
      WorkUnit unit =
          only(
              koraGraph(
                  llm("a", "openai").with(SKIP + ".path", "$.x").with(SKIP + ".equals", true)));

      assertThat(tree(unit.runJson()).get("input")).isEqualTo(tree("{\"question\":\"Why?\"}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"is_simple", "$", "$.", "$is_simple", ".is_simple", "is_simple.$"})
    void aPathThatIsNotATopLevelKeyPathIsTheWrongType(String path) {
      assertViolations(
              parseKora(
                  koraGraph(
                      llm("a", "openai").with(SKIP + ".path", path).with(SKIP + ".equals", true))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].run.spec.input.skip_if.path"));
    }

    @Test
    void aPathThatIsNotAStringIsTheWrongType() {
      assertViolations(
              parseKora(
                  koraGraph(
                      llm("a", "openai").with(SKIP + ".path", 1).with(SKIP + ".equals", true))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].run.spec.input.skip_if.path"));
    }

    @Test
    void thePathAndTheValueAreRequired() {
      assertViolations(parseKora(koraGraph(llm("a", "openai").with(SKIP, Map.of()))))
          .containsExactlyInAnyOrder(
              tuple(MISSING_FIELD, "$.tasks[0].run.spec.input.skip_if.path"),
              tuple(MISSING_FIELD, "$.tasks[0].run.spec.input.skip_if.equals"));
    }

    @Test
    void aSkipIfThatIsNotAnObjectIsTheWrongType() {
      assertViolations(parseKora(koraGraph(llm("a", "openai").with(SKIP, "$.is_simple"))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].run.spec.input.skip_if"));
    }
  }

  @Nested
  final class Verification {

    private static final String SCHEMA = "{\"type\":\"object\",\"required\":[\"answer\"]}";
    private static final String OUTPUT_SCHEMA = "{\"type\":\"object\",\"required\":[\"slides\"]}";

    @Test
    void anLlmTaskIsCheckedAgainstItsVerifySchema() {
      WorkUnit unit =
          only(
              koraGraph(
                  llm("a", "openai")
                      .with("verify.schema", tree(SCHEMA))
                      .with("run.spec.output_schema", tree(OUTPUT_SCHEMA))));

      assertThat(unit.verificationMode()).isEqualTo(VerificationMode.SCHEMA);
      assertThat(tree(unit.outputSchemaJson())).isEqualTo(tree(SCHEMA));
    }

    @Test
    void anLlmTaskWithAnEmptyVerifySchemaIsCheckedAgainstItsOutputSchema() {
      WorkUnit unit =
          only(
              koraGraph(
                  llm("a", "openai")
                      .with("verify.schema", Map.of())
                      .with("run.spec.output_schema", tree(OUTPUT_SCHEMA))));

      assertThat(unit.verificationMode()).isEqualTo(VerificationMode.SCHEMA);
      assertThat(tree(unit.outputSchemaJson())).isEqualTo(tree(OUTPUT_SCHEMA));
    }

    @Test
    void anLlmTaskWithoutAnySchemaIsStillVerifiedAgainstTheEmptySchema() {
      WorkUnit unit = only(koraGraph(llm("a", "openai")));

      assertThat(unit.verificationMode()).isEqualTo(VerificationMode.SCHEMA);
      assertThat(unit.outputSchemaJson()).isEqualTo("{}");
    }

    @Test
    void aDetTaskWithAVerifySchemaIsChecked() {
      WorkUnit unit = only(koraGraph(det("a").with("verify.schema", tree(SCHEMA))));

      assertThat(unit.verificationMode()).isEqualTo(VerificationMode.SCHEMA);
      assertThat(tree(unit.outputSchemaJson())).isEqualTo(tree(SCHEMA));
    }

    @Test
    void aDetTaskWithoutAVerifySchemaIsNotVerified() {
      WorkUnit unit = only(koraGraph(det("a")));

      assertThat(unit.verificationMode()).isEqualTo(VerificationMode.NONE);
      assertThat(unit.outputSchemaJson()).isNull();
    }

    @Test
    void aDetTaskWithAnEmptySchemaIsNotVerifiedEvenWithRules() {
      WorkUnit unit =
          only(
              koraGraph(
                  det("a")
                      .with("verify.schema", Map.of())
                      .with(
                          "verify.rules",
                          List.of(Map.of("kind", "required", "paths", List.of("x"))))));

      assertThat(unit.verificationMode()).isEqualTo(VerificationMode.NONE);
      assertThat(unit.outputSchemaJson()).isNull();
    }

    @Test
    void requiredRulesBecomeOneRequiredPart() {
      WorkUnit unit =
          only(
              koraGraph(
                  llm("a", "openai")
                      .with("verify.schema", tree(SCHEMA))
                      .with(
                          "verify.rules",
                          tree(
                              """
                              [{"kind": "required", "paths": ["status", "task_id"]},
                               {"kind": "required", "paths": ["task_id", "answer"]}]
                              """))));

      assertThat(tree(unit.outputSchemaJson()))
          .isEqualTo(
              tree(
                  "{\"allOf\":["
                      + SCHEMA
                      + ",{\"required\":[\"status\",\"task_id\",\"answer\"]}]}"));
    }

    @Test
    void rangeRulesBecomeBoundsOnPresentKeysAndTwoRangesOnOneKeyBothHold() {
      WorkUnit unit =
          only(
              koraGraph(
                  llm("a", "openai")
                      .with(
                          "verify.rules",
                          tree(
                              """
                              [{"kind": "range", "path": "confidence", "min": 0, "max": 1},
                               {"kind": "range", "path": "confidence", "min": 0.5, "max": 2},
                               {"kind": "range", "path": "score", "max": 10}]
                              """))));

      assertThat(tree(unit.outputSchemaJson()))
          .isEqualTo(
              tree(
                  """
                  {"allOf": [{}, {"properties": {
                    "confidence": {"minimum": 0.5, "maximum": 1},
                    "score": {"maximum": 10}}}]}
                  """));
    }

    @Test
    void bothRuleKindsFoldIntoOneSchemaWithTheDeclaredSchemaFirst() {
      WorkUnit unit =
          only(
              koraGraph(
                  det("a")
                      .with("verify.schema", tree(SCHEMA))
                      .with(
                          "verify.rules",
                          tree(
                              """
                              [{"kind": "range", "path": "n", "min": 1, "max": 3},
                               {"kind": "required", "paths": ["n"]}]
                              """))));

      assertThat(tree(unit.outputSchemaJson()))
          .isEqualTo(
              tree(
                  "{\"allOf\":["
                      + SCHEMA
                      + ",{\"required\":[\"n\"]},"
                      + "{\"properties\":{\"n\":{\"minimum\":1,\"maximum\":3}}}]}"));
    }

    @Test
    void anEmptyRuleListLeavesTheSchemaAsIs() {
      WorkUnit unit =
          only(
              koraGraph(
                  det("a").with("verify.schema", tree(SCHEMA)).with("verify.rules", List.of())));

      assertThat(tree(unit.outputSchemaJson())).isEqualTo(tree(SCHEMA));
    }

    @Test
    void anUnknownRuleKindIsTheWrongType() {
      ParseOutcome outcome =
          parseKora(
              koraGraph(
                  llm("a", "openai")
                      .with(
                          "verify.rules",
                          tree(
                              """
                              [{"kind": "required", "paths": ["x"]},
                               {"kind": "regex", "path": "x", "pattern": "^a"}]
                              """))));

      assertViolations(outcome)
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].verify.rules[1].kind"));
      assertThat(violations(outcome).get(0).message()).contains("\"regex\"");
    }

    @Test
    void malformedRulesAreNamedEachAtItsPath() {
      ParseOutcome outcome =
          parseKora(
              koraGraph(
                  llm("a", "openai")
                      .with(
                          "verify.rules",
                          tree(
                              """
                              ["required",
                               {"paths": ["x"]},
                               {"kind": "required"},
                               {"kind": "required", "paths": ["x", 2]},
                               {"kind": "range", "min": "0"}]
                              """))));

      assertViolations(outcome)
          .containsExactly(
              tuple(WRONG_TYPE, "$.tasks[0].verify.rules[0]"),
              tuple(MISSING_FIELD, "$.tasks[0].verify.rules[1].kind"),
              tuple(MISSING_FIELD, "$.tasks[0].verify.rules[2].paths"),
              tuple(WRONG_TYPE, "$.tasks[0].verify.rules[3].paths[1]"),
              tuple(MISSING_FIELD, "$.tasks[0].verify.rules[4].path"),
              tuple(WRONG_TYPE, "$.tasks[0].verify.rules[4].min"));
    }

    @Test
    void aVerifyBlockOfTheWrongShapeIsTheWrongType() {
      assertViolations(
              parseKora(
                  koraGraph(
                      llm("a", "openai")
                          .with("verify.schema", "object")
                          .with("verify.rules", Map.of()),
                      det("b").with("verify", List.of()))))
          .containsExactly(
              tuple(WRONG_TYPE, "$.tasks[0].verify.schema"),
              tuple(WRONG_TYPE, "$.tasks[0].verify.rules"),
              tuple(WRONG_TYPE, "$.tasks[1].verify"));
    }
  }

  @Nested
  final class Attempts {

    @Test
    void retryUsesTheTaskRetries() {
      assertThat(
              only(koraGraph(det("a").retrying().with("policy.budget.max_retries", 3)))
                  .maxAttempts())
          .isEqualTo(4);
    }

    @Test
    void retryWithoutTaskRetriesUsesTheDefaultRetries() {
      assertThat(
              only(koraGraph(llm("a", "openai").retrying().with("policy.budget.max_tokens", 100))
                      .with("defaults.budget.max_retries", 2))
                  .maxAttempts())
          .isEqualTo(3);
    }

    @Test
    void taskRetriesOfZeroOverrideTheDefaults() {
      assertThat(
              only(koraGraph(det("a").retrying().with("policy.budget.max_retries", 0)))
                  .maxAttempts())
          .isEqualTo(1);
    }

    @Test
    void negativeRetriesCountAsNone() {
      assertThat(
              only(koraGraph(det("a").retrying().with("policy.budget.max_retries", -4)))
                  .maxAttempts())
          .isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fail", "escalate"})
    void failAndEscalateMeanOneAttemptWhateverTheRetries(String onFail) {
      WorkUnit unit =
          only(
              koraGraph(
                  det("a").with("policy.on_fail", onFail).with("policy.budget.max_retries", 5)));

      assertThat(unit.maxAttempts()).isEqualTo(1);
    }

    @Test
    void withoutOnFailATaskHasOneAttempt() {
      assertThat(only(koraGraph(det("a").with("policy.budget.max_retries", 5))).maxAttempts())
          .isEqualTo(1);
    }

    @Test
    void retriesNeverBackOff() {
      assertThat(only(koraGraph(det("a").retrying())).backoffMs()).isZero();
    }

    @Test
    void anUnknownOnFailIsTheWrongType() {
      ParseOutcome outcome = parseKora(koraGraph(det("a").with("policy.on_fail", "skip")));

      assertViolations(outcome).containsExactly(tuple(WRONG_TYPE, "$.tasks[0].policy.on_fail"));
      assertThat(violations(outcome).get(0).message()).contains("fail", "retry", "escalate");
    }

    @Test
    void moreRetriesThanAnAttemptCountHoldsAreTheWrongType() {
      assertViolations(
              parseKora(koraGraph(det("a").retrying().with("policy.budget.max_retries", 1L << 31))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].policy.budget.max_retries"));
    }

    @Test
    void aPolicyThatIsNotAnObjectIsTheWrongType() {
      assertViolations(parseKora(koraGraph(det("a").with("policy", "retry"))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].policy"));
    }
  }

  @Nested
  final class AdaptiveLadder {

    private static final String LADDER =
        """
        {"min_confidence_to_stop": 0.85, "max_escalations": 2,
         "escalation_order": ["gate", "full"], "use_voi": false}
        """;

    @Test
    void theTaskRunsAsDeclaredWithTheLadderVisibleInItsRun() {
      TaskGraph graph =
          mapped(koraGraph(llm("a", "openai_mini").with("policy.adaptive", tree(LADDER))));

      assertThat(graph.workUnits()).hasSize(1);
      WorkUnit unit = graph.workUnits().get(0);
      assertThat(unit.maxAttempts()).isEqualTo(1);
      assertThat(unit.activation()).isNull();
      assertThat(tree(unit.runJson()).get("tier").asText()).isEqualTo("small");
      assertThat(tree(unit.runJson()).get("adaptive")).isEqualTo(tree(LADDER));
      assertThat(graph.budgets().maxLlmCalls()).isEqualTo(1);
    }

    @Test
    void anAdaptiveThatIsNotAnObjectIsTheWrongType() {
      assertViolations(parseKora(koraGraph(llm("a", "openai").with("policy.adaptive", true))))
          .containsExactly(tuple(WRONG_TYPE, "$.tasks[0].policy.adaptive"));
    }
  }

  @Nested
  final class ManyProblems {

    @Test
    void everyViolationOfADocumentIsListedWithItsPath() {
      KoraGraphJson document =
          koraGraph(
                  det("a"),
                  det("a"),
                  llm("b", "openai", "ghost")
                      .with("run.spec.input.skip_if.path", "is_simple")
                      .with("run.spec.input.skip_if.equals", true),
                  det("c").with("run.kind", "gpu"),
                  det("d", "e").with("verify.rules", tree("[{\"kind\": \"regex\"}]")),
                  det("e", "d").with("policy.on_fail", "again"))
              .with("defaults.budget.max_tokens", -1)
              .with("root", "nowhere")
              .without("graph_id");

      ParseOutcome.Rejected rejection =
          rejected(parseKora(document.bytes(), new Submission(null, null, RECEIVED_AT)));

      assertThat(rejection.violations())
          .extracting(Violation::code, Violation::path)
          .containsExactlyInAnyOrder(
              tuple(MISSING_FIELD, "$.graph_id"),
              tuple(MISSING_FIELD, "$.tenant_id"),
              tuple(NEGATIVE_BUDGET, "$.defaults.budget.max_tokens"),
              tuple(WRONG_TYPE, "$.tasks[2].run.spec.input.skip_if.path"),
              tuple(UNKNOWN_WORK_UNIT_TYPE, "$.tasks[3].run.kind"),
              tuple(WRONG_TYPE, "$.tasks[4].verify.rules[0].kind"),
              tuple(WRONG_TYPE, "$.tasks[5].policy.on_fail"),
              tuple(DUPLICATE_WORK_UNIT_ID, "$.tasks[1].id"),
              tuple(UNKNOWN_DEPENDENCY, "$.root"));
      assertThat(rejection.graphId()).isNull();
      assertThat(rejection.tenantId()).isNull();
    }

    @Test
    void theDagChecksStillRunBesideFieldViolations() {
      KoraGraphJson document =
          koraGraph(det("a", "b"), det("b", "a"), det("c", "ghost"), det("d").without("run"));

      assertViolations(parseKora(document))
          .containsExactlyInAnyOrder(
              tuple(MISSING_FIELD, "$.tasks[3].run"),
              tuple(UNKNOWN_DEPENDENCY, "$.tasks[2].deps[0]"),
              tuple(DAG_CYCLE, "$.tasks[0]"));
    }
  }
}
