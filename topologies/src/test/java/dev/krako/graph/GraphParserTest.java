package dev.krako.graph;

import static dev.krako.graph.GraphJson.graph;
import static dev.krako.graph.Parsing.accepted;
import static dev.krako.graph.Parsing.assertViolations;
import static dev.krako.graph.Parsing.parse;
import static dev.krako.graph.Parsing.rejected;
import static dev.krako.graph.Parsing.violations;
import static dev.krako.graph.UnitJson.deterministic;
import static dev.krako.graph.UnitJson.llm;
import static dev.krako.graph.UnitJson.unit;
import static dev.krako.graph.ViolationCode.DAG_CYCLE;
import static dev.krako.graph.ViolationCode.DUPLICATE_WORK_UNIT_ID;
import static dev.krako.graph.ViolationCode.EMPTY_GRAPH;
import static dev.krako.graph.ViolationCode.MALFORMED_JSON;
import static dev.krako.graph.ViolationCode.MISSING_FIELD;
import static dev.krako.graph.ViolationCode.NEGATIVE_BUDGET;
import static dev.krako.graph.ViolationCode.NOT_AN_OBJECT;
import static dev.krako.graph.ViolationCode.PRIVACY_CONFLICT;
import static dev.krako.graph.ViolationCode.UNKNOWN_DEPENDENCY;
import static dev.krako.graph.ViolationCode.UNKNOWN_WORK_UNIT_TYPE;
import static dev.krako.graph.ViolationCode.UNSUPPORTED_SCHEMA_VERSION;
import static dev.krako.graph.ViolationCode.WRONG_TYPE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The TaskGraph 1.x rejection rules, one code at a time, then a document with many problems. */
final class GraphParserTest {

  @Nested
  final class MalformedJson {

    @Test
    void bytesThatAreNotJsonAreMalformed() {
      assertViolations(parse("graph_id: g-1")).containsExactly(tuple(MALFORMED_JSON, "$"));
    }

    @Test
    void aTruncatedDocumentIsMalformed() {
      String whole = graph(deterministic("a")).text();
      String truncated = whole.substring(0, whole.length() / 2);

      assertViolations(parse(truncated)).containsExactly(tuple(MALFORMED_JSON, "$"));
    }

    @Test
    void invalidUtf8BytesAreMalformed() {
      byte[] document = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

      assertViolations(Parsing.PARSER.parse(document)).containsExactly(tuple(MALFORMED_JSON, "$"));
    }

    /** Found by the fuzzer (krako fuzz): Jackson decoded these inside a string value. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(
        strings = {"C080", "EDA080", "F888808080", "E282", "FF", "F4908080"})
    void illFormedUtf8InsideAValidGraphIsMalformedAndNamesTheByte(String hex) {
      byte[] poison = java.util.HexFormat.of().parseHex(hex);
      byte[] valid = graph(deterministic("a")).bytes();
      int at = new String(valid, StandardCharsets.ISO_8859_1).indexOf("\"g-1\"") + 1;
      byte[] document = new byte[valid.length + poison.length];
      System.arraycopy(valid, 0, document, 0, at);
      System.arraycopy(poison, 0, document, at, poison.length);
      System.arraycopy(valid, at, document, at + poison.length, valid.length - at);

      var outcome = Parsing.PARSER.parse(document);

      assertViolations(outcome).containsExactly(tuple(MALFORMED_JSON, "$"));
      assertThat(((ParseOutcome.Rejected) outcome).violations().get(0).message())
          .contains("not valid UTF-8")
          .contains("byte " + at);
    }

    @Test
    void aLoneContinuationByteBeforeTheDocumentIsMalformed() {
      byte[] valid = graph(deterministic("a")).bytes();
      byte[] document = new byte[valid.length + 1];
      document[0] = (byte) 0x80;
      System.arraycopy(valid, 0, document, 1, valid.length);

      assertViolations(Parsing.PARSER.parse(document)).containsExactly(tuple(MALFORMED_JSON, "$"));
    }

    @Test
    void emptyBytesAreMalformed() {
      assertViolations(Parsing.PARSER.parse(new byte[0]))
          .containsExactly(tuple(MALFORMED_JSON, "$"));
    }

    @Test
    void aRecordWithoutValueIsMalformed() {
      assertViolations(Parsing.PARSER.parse(null)).containsExactly(tuple(MALFORMED_JSON, "$"));
    }

    @Test
    void onlyWhitespaceIsMalformed() {
      assertViolations(parse(" \n\t ")).containsExactly(tuple(MALFORMED_JSON, "$"));
    }

    @Test
    void aKeyGivenTwiceAtTheTopIsMalformed() {
      String document =
          graph(deterministic("a")).text().replaceFirst("\\{", "{\"graph_id\":\"g-0\",");

      List<Violation> violations = violations(parse(document));

      assertThat(violations).extracting(Violation::code).containsExactly(MALFORMED_JSON);
      assertThat(violations.get(0).message()).contains("graph_id");
    }

    @Test
    void aKeyGivenTwiceInsideAUnitIsMalformed() {
      String document =
          graph(deterministic("a")).text().replace("\"id\":\"a\"", "\"id\":\"a\",\"id\":\"b\"");

      assertViolations(parse(document)).containsExactly(tuple(MALFORMED_JSON, "$"));
    }

    @Test
    void contentAfterTheDocumentIsMalformed() {
      // Two documents in one record: the second must not be dropped silently.
      String one = graph(deterministic("a")).text();

      assertViolations(parse(one + one)).containsExactly(tuple(MALFORMED_JSON, "$"));
      assertViolations(parse(one + " ]")).containsExactly(tuple(MALFORMED_JSON, "$"));
    }
  }

  @Nested
  final class NotAnObject {

    @ParameterizedTest
    @ValueSource(
        strings = {"[]", "[{\"graph_id\":\"g-1\"}]", "42", "-1.5", "\"a graph\"", "null", "true"})
    void aJsonValueThatIsNotAnObjectIsRejected(String document) {
      assertViolations(parse(document)).containsExactly(tuple(NOT_AN_OBJECT, "$"));
    }

    @Test
    void theMessageNamesWhatWasFound() {
      assertThat(violations(parse("[1, 2]")).get(0).message()).contains("an array");
      assertThat(violations(parse("null")).get(0).message()).contains("null");
    }
  }

  @Nested
  final class MissingField {

    @ParameterizedTest
    @ValueSource(
        strings = {
          "schema_version",
          "graph_id",
          "request_id",
          "tenant_id",
          "created_at",
          "budgets",
          "work_units"
        })
    void anAbsentTopLevelFieldIsMissing(String field) {
      assertViolations(parse(graph(deterministic("a")).without(field)))
          .containsExactly(tuple(MISSING_FIELD, "$." + field));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "schema_version",
          "graph_id",
          "request_id",
          "tenant_id",
          "created_at",
          "budgets",
          "work_units"
        })
    void aNullTopLevelFieldIsMissing(String field) {
      assertViolations(parse(graph(deterministic("a")).with(field, null)))
          .containsExactly(tuple(MISSING_FIELD, "$." + field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"max_llm_calls", "max_cpu_units", "max_tokens", "max_latency_ms"})
    void anAbsentBudgetIsMissing(String budget) {
      assertViolations(parse(graph(deterministic("a")).without("budgets." + budget)))
          .containsExactly(tuple(MISSING_FIELD, "$.budgets." + budget));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "type", "run"})
    void anAbsentUnitFieldIsMissing(String field) {
      assertViolations(parse(graph(deterministic("a"), deterministic("b").without(field))))
          .containsExactly(tuple(MISSING_FIELD, "$.work_units[1]." + field));
    }

    @ParameterizedTest
    @ValueSource(strings = {"id", "type", "run"})
    void aNullUnitFieldIsMissing(String field) {
      assertViolations(parse(graph(deterministic("a"), deterministic("b").with(field, null))))
          .containsExactly(tuple(MISSING_FIELD, "$.work_units[1]." + field));
    }

    @Test
    void retriesWithoutMaxAttemptsIsMissingIt() {
      assertViolations(parse(graph(deterministic("a").with("retries.backoff_ms", 10))))
          .containsExactly(tuple(MISSING_FIELD, "$.work_units[0].retries.max_attempts"));
    }

    @Test
    void theRejectionCarriesWhateverIdentityCouldBeRead() {
      ParseOutcome.Rejected rejection =
          rejected(parse(graph(deterministic("a")).without("tenant_id")));

      assertThat(rejection.graphId()).isEqualTo("g-1");
      assertThat(rejection.requestId()).isEqualTo("r-1");
      assertThat(rejection.tenantId()).isNull();
    }
  }

  @Nested
  final class WrongType {

    @ParameterizedTest
    @ValueSource(strings = {"schema_version", "graph_id", "request_id", "tenant_id", "created_at"})
    void aNumberWhereAStringBelongsIsTheWrongType(String field) {
      assertViolations(parse(graph(deterministic("a")).with(field, 7)))
          .containsExactly(tuple(WRONG_TYPE, "$." + field));
    }

    @Test
    void theMessageSaysWhatWasExpectedAndFound() {
      assertThat(violations(parse(graph(deterministic("a")).with("tenant_id", List.of()))))
          .singleElement()
          .extracting(Violation::message)
          .isEqualTo("expected a string, found an array");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-01", "2026-01-01 00:00:00Z", "yesterday", ""})
    void aCreatedAtThatIsNotATimestampIsTheWrongType(String createdAt) {
      assertViolations(parse(graph(deterministic("a")).with("created_at", createdAt)))
          .containsExactly(tuple(WRONG_TYPE, "$.created_at"));
    }

    @Test
    void aGraphIdMustHaveOneTo128Characters() {
      assertViolations(parse(graph(deterministic("a")).with("graph_id", "")))
          .containsExactly(tuple(WRONG_TYPE, "$.graph_id"));
      assertViolations(parse(graph(deterministic("a")).with("graph_id", "g".repeat(129))))
          .containsExactly(tuple(WRONG_TYPE, "$.graph_id"));
      assertThat(
              accepted(parse(graph(deterministic("a")).with("graph_id", "g".repeat(128))))
                  .graphId())
          .hasSize(128);
    }

    @Test
    void budgetsThatAreNotAnObjectAreTheWrongType() {
      assertViolations(parse(graph(deterministic("a")).with("budgets", 100)))
          .containsExactly(tuple(WRONG_TYPE, "$.budgets"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.5", "\"10\"", "true", "1e3", "99999999999999999999"})
    void aBudgetThatIsNotAnIntegerIsTheWrongType(String value) {
      String document =
          graph(deterministic("a"))
              .text()
              .replace("\"max_tokens\":10000", "\"max_tokens\":" + value);

      assertViolations(parse(document)).containsExactly(tuple(WRONG_TYPE, "$.budgets.max_tokens"));
    }

    @Test
    void aCostCapThatIsNotANumberIsTheWrongType() {
      assertViolations(parse(graph(deterministic("a")).with("budgets.max_cost_usd", "1.50")))
          .containsExactly(tuple(WRONG_TYPE, "$.budgets.max_cost_usd"));
    }

    @Test
    void anUnknownFailurePolicyIsTheWrongType() {
      assertViolations(
              parse(graph(deterministic("a")).with("policies.failure_policy", "retry_all")))
          .containsExactly(tuple(WRONG_TYPE, "$.policies.failure_policy"));
    }

    @Test
    void policiesThatAreNotAnObjectAreTheWrongType() {
      assertViolations(parse(graph(deterministic("a")).with("policies", "fail_fast")))
          .containsExactly(tuple(WRONG_TYPE, "$.policies"));
    }

    @Test
    void workUnitsThatAreNotAnArrayAreTheWrongType() {
      assertViolations(parse(graph().with("work_units", Map.of("id", "a"))))
          .containsExactly(tuple(WRONG_TYPE, "$.work_units"));
    }

    @Test
    void aUnitThatIsNotAnObjectIsTheWrongType() {
      GraphJson document = graph(deterministic("a"));
      document.node().withArray("work_units").add("b");

      assertViolations(parse(document)).containsExactly(tuple(WRONG_TYPE, "$.work_units[1]"));
    }

    @Test
    void dependenciesThatAreNotAnArrayAreTheWrongType() {
      assertViolations(
              parse(graph(deterministic("a"), deterministic("b").with("dependencies", "a"))))
          .containsExactly(tuple(WRONG_TYPE, "$.work_units[1].dependencies"));
    }

    @Test
    void aDependencyThatIsNotAStringIsTheWrongType() {
      assertViolations(
              parse(
                  graph(
                      deterministic("a"),
                      deterministic("b").with("dependencies", List.of("a", 0)))))
          .containsExactly(tuple(WRONG_TYPE, "$.work_units[1].dependencies[1]"));
    }

    @Test
    void aDependencyListedTwiceIsRejected() {
      assertViolations(parse(graph(deterministic("a"), deterministic("b", "a", "a"))))
          .containsExactly(tuple(WRONG_TYPE, "$.work_units[1].dependencies[1]"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"input", "run", "constraints", "retries", "timeouts", "output_schema"})
    void aUnitObjectFieldThatIsNotAnObjectIsTheWrongType(String field) {
      assertViolations(parse(graph(deterministic("a").with(field, "text"))))
          .containsExactly(tuple(WRONG_TYPE, "$.work_units[0]." + field));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {"idempotent", "constraints.trusted_node_required", "constraints.local_only"})
    void aUnitFlagThatIsNotABooleanIsTheWrongType(String field) {
      assertViolations(parse(graph(deterministic("a").with(field, "yes"))))
          .containsExactly(tuple(WRONG_TYPE, "$.work_units[0]." + field));
    }

    @Test
    void anUnknownPrivacyIsTheWrongType() {
      assertViolations(parse(graph(deterministic("a").with("constraints.privacy", "public"))))
          .containsExactly(tuple(WRONG_TYPE, "$.work_units[0].constraints.privacy"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void fewerThanOneAttemptIsRejected(int maxAttempts) {
      assertViolations(parse(graph(deterministic("a").with("retries.max_attempts", maxAttempts))))
          .containsExactly(tuple(WRONG_TYPE, "$.work_units[0].retries.max_attempts"));
    }

    @Test
    void aNegativeBackoffIsRejected() {
      UnitJson unit =
          deterministic("a").with("retries.max_attempts", 2).with("retries.backoff_ms", -1);

      assertViolations(parse(graph(unit)))
          .containsExactly(tuple(WRONG_TYPE, "$.work_units[0].retries.backoff_ms"));
    }

    @Test
    void aNegativeRunTimeoutIsRejected() {
      assertViolations(parse(graph(deterministic("a").with("timeouts.run_timeout_ms", -5))))
          .containsExactly(tuple(WRONG_TYPE, "$.work_units[0].timeouts.run_timeout_ms"));
    }

    @Test
    void aFinalOutputThatIsNotAStringIsTheWrongType() {
      assertViolations(parse(graph(deterministic("a")).with("outputs.final", List.of("a"))))
          .containsExactly(tuple(WRONG_TYPE, "$.outputs.final"));
    }
  }

  @Nested
  final class UnsupportedSchemaVersion {

    @ParameterizedTest
    @ValueSource(strings = {"2.0", "0.9", "1", "1.0.1", "v1.0", "1.x", ""})
    void aVersionOutside1xIsUnsupported(String version) {
      assertViolations(parse(graph(deterministic("a")).with("schema_version", version)))
          .containsExactly(tuple(UNSUPPORTED_SCHEMA_VERSION, "$.schema_version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.1", "1.10"})
    void anyMinorVersionOf1IsAccepted(String version) {
      assertThat(
              accepted(parse(graph(deterministic("a")).with("schema_version", version)))
                  .schemaVersion())
          .isEqualTo(version);
    }

    @Test
    void aKoraTaskIr01DocumentWithoutATenantHeaderNamesTheHeader() {
      String koraDocument =
          """
          {"version": "0.1", "graph_id": "kora-1", "root": "t2",
           "defaults": {"budget": {"max_time_ms": 1000, "max_tokens": 100, "max_retries": 0}},
           "tasks": [{"id": "t1", "deps": [], "in": {}, "run": {"kind": "det", "spec": {"handler": "echo"}}},
                     {"id": "t2", "deps": ["t1"], "in": {}, "run": {"kind": "det", "spec": {"handler": "echo"}}}]}
          """;

      List<Violation> violations = violations(parse(koraDocument));

      assertThat(violations)
          .extracting(Violation::code, Violation::path)
          .containsExactly(tuple(ViolationCode.MISSING_FIELD, "$.tenant_id"));
      assertThat(violations.get(0).message()).contains("krako-tenant-id");
    }

    @Test
    void aGraphWithoutUnitsIsEmpty() {
      assertViolations(parse(graph())).containsExactly(tuple(EMPTY_GRAPH, "$.work_units"));
    }
  }

  @Nested
  final class DuplicateWorkUnitId {

    @Test
    void theSecondUnitWithAnIdIsADuplicate() {
      assertViolations(parse(graph(deterministic("a"), deterministic("b"), llm("a"))))
          .containsExactly(tuple(DUPLICATE_WORK_UNIT_ID, "$.work_units[2].id"));
    }

    @Test
    void everyRepeatIsReported() {
      assertViolations(parse(graph(deterministic("a"), deterministic("a"), deterministic("a"))))
          .containsExactly(
              tuple(DUPLICATE_WORK_UNIT_ID, "$.work_units[1].id"),
              tuple(DUPLICATE_WORK_UNIT_ID, "$.work_units[2].id"));
    }
  }

  @Nested
  final class UnknownDependency {

    @Test
    void aDependencyOnAnUndeclaredIdIsUnknown() {
      List<Violation> violations =
          violations(parse(graph(deterministic("a"), deterministic("b", "a", "ghost"))));

      assertThat(violations)
          .extracting(Violation::code, Violation::path)
          .containsExactly(tuple(UNKNOWN_DEPENDENCY, "$.work_units[1].dependencies[1]"));
      assertThat(violations.get(0).message()).contains("\"ghost\"");
    }

    @Test
    void aFinalOutputNamingAnUndeclaredIdIsUnknown() {
      assertViolations(parse(graph(deterministic("a")).with("outputs.final", "ghost")))
          .containsExactly(tuple(UNKNOWN_DEPENDENCY, "$.outputs.final"));
    }

    @Test
    void aDependencyOnAUnitThatHasOtherViolationsIsNotUnknown() {
      // b is declared; its own violation is the only thing wrong.
      assertViolations(
              parse(graph(deterministic("a"), unit("b", "quantum"), deterministic("c", "b"))))
          .containsExactly(tuple(UNKNOWN_WORK_UNIT_TYPE, "$.work_units[1].type"));
    }
  }

  @Nested
  final class DagCycle {

    @Test
    void aUnitThatDependsOnItselfIsACycle() {
      List<Violation> violations =
          violations(parse(graph(deterministic("a"), deterministic("b", "a", "b"))));

      assertThat(violations)
          .extracting(Violation::code, Violation::path)
          .containsExactly(tuple(DAG_CYCLE, "$.work_units[1].dependencies[1]"));
      assertThat(violations.get(0).message()).contains("b → b");
    }

    @Test
    void twoUnitsThatNeedEachOtherAreACycle() {
      List<Violation> violations =
          violations(parse(graph(deterministic("a", "b"), deterministic("b", "a"))));

      assertThat(violations).extracting(Violation::code).containsExactly(DAG_CYCLE);
      assertThat(violations.get(0).message()).isIn("a → b → a", "b → a → b");
      assertThat(violations.get(0).path()).isIn("$.work_units[0]", "$.work_units[1]");
    }

    @Test
    void aCycleIsRejectedWithTheCycleNamed() {
      // a needs c, c needs b, b needs a: a runs before b, b before c, c before a.
      GraphJson document =
          graph(
              deterministic("root"),
              deterministic("a", "root", "c"),
              deterministic("b", "a"),
              deterministic("c", "b"),
              deterministic("leaf", "c"));

      List<Violation> violations = violations(parse(document));

      assertThat(violations).extracting(Violation::code).containsExactly(DAG_CYCLE);
      assertThat(violations.get(0).message()).isEqualTo("a → b → c → a");
      assertThat(violations.get(0).path()).isEqualTo("$.work_units[1]");
    }

    @Test
    void theCyclePathPointsAtTheSubmittedPositionWhenAnEarlierUnitIsInvalid() {
      GraphJson document =
          graph(unit("x", "quantum"), deterministic("a", "b"), deterministic("b", "a"));

      assertViolations(parse(document))
          .containsExactly(
              tuple(UNKNOWN_WORK_UNIT_TYPE, "$.work_units[0].type"),
              tuple(DAG_CYCLE, "$.work_units[1]"));
    }
  }

  @Nested
  final class NegativeBudget {

    @ParameterizedTest
    @ValueSource(strings = {"max_llm_calls", "max_cpu_units", "max_tokens", "max_latency_ms"})
    void aNegativeSessionBudgetIsRejected(String budget) {
      List<Violation> violations =
          violations(parse(graph(deterministic("a")).with("budgets." + budget, -1)));

      assertThat(violations)
          .extracting(Violation::code, Violation::path)
          .containsExactly(tuple(NEGATIVE_BUDGET, "$.budgets." + budget));
      assertThat(violations.get(0).message()).contains("-1");
    }

    @Test
    void aNegativeCostCapIsRejected() {
      assertViolations(parse(graph(deterministic("a")).with("budgets.max_cost_usd", -0.01)))
          .containsExactly(tuple(NEGATIVE_BUDGET, "$.budgets.max_cost_usd"));
    }

    @Test
    void aNegativeUnitTokenBudgetIsRejected() {
      assertViolations(parse(graph(llm("a").with("constraints.budget_tokens", -100))))
          .containsExactly(tuple(NEGATIVE_BUDGET, "$.work_units[0].constraints.budget_tokens"));
    }

    @Test
    void zeroBudgetsAreAcceptedWhereNoMandatoryUnitNeedsThem() {
      GraphJson document =
          graph(deterministic("a"))
              .with("budgets.max_llm_calls", 0)
              .with("budgets.max_cpu_units", 1)
              .with("budgets.max_tokens", 0)
              .with("budgets.max_latency_ms", 0)
              .with("budgets.max_cost_usd", 0);

      assertThat(accepted(parse(document)).budgets())
          .isEqualTo(new Budgets(0, 1, 0, 0, java.math.BigDecimal.ZERO));
    }
  }

  @Nested
  final class BudgetUnsatisfiable {

    @Test
    void moreMandatoryLlmUnitsThanLlmCallsIsRejected() {
      GraphJson document = graph(llm("a"), llm("b")).with("budgets.max_llm_calls", 1);

      assertViolations(parse(document))
          .containsExactly(tuple(ViolationCode.BUDGET_UNSATISFIABLE, "$.budgets.max_llm_calls"));
    }

    @Test
    void moreMandatoryCpuUnitsThanCpuUnitsIsRejected() {
      GraphJson document =
          graph(deterministic("a"), deterministic("b")).with("budgets.max_cpu_units", 1);

      assertViolations(parse(document))
          .containsExactly(tuple(ViolationCode.BUDGET_UNSATISFIABLE, "$.budgets.max_cpu_units"));
    }

    @Test
    void aModelUnitWithNoTokensAtAllIsRejected() {
      GraphJson document = graph(llm("a")).with("budgets.max_tokens", 0);

      assertViolations(parse(document))
          .containsExactly(tuple(ViolationCode.BUDGET_UNSATISFIABLE, "$.budgets.max_tokens"));
    }

    @Test
    void anEscalationStepIsNotMandatory() {
      GraphJson document =
          graph(
                  deterministic("a"),
                  llm("fallback", "a")
                      .with("activation.when", "failure")
                      .with("activation.of", "a"))
              .with("budgets.max_llm_calls", 0)
              .with("budgets.max_cpu_units", 1);

      assertThat(accepted(parse(document)).unit("fallback").orElseThrow().activation())
          .isEqualTo(new Activation(Activation.Condition.FAILURE, "a", null));
    }
  }

  @Nested
  final class UnknownWorkUnitType {

    @ParameterizedTest
    @ValueSource(strings = {"quantum", "LLM", "Deterministic", "small-model", ""})
    void aTypeOutsideTheFourIsUnknown(String type) {
      assertViolations(parse(graph(unit("a", type))))
          .containsExactly(tuple(UNKNOWN_WORK_UNIT_TYPE, "$.work_units[0].type"));
    }
  }

  @Nested
  final class PrivacyConflict {

    @Test
    void aLocalOnlyLlmUnitIsAConflict() {
      assertViolations(parse(graph(llm("a").with("constraints.privacy", "local_only"))))
          .containsExactly(tuple(PRIVACY_CONFLICT, "$.work_units[0].constraints.privacy"));
    }

    @Test
    void anLlmUnitWithTheLegacyLocalOnlyFlagIsAConflict() {
      List<Violation> violations =
          violations(parse(graph(llm("a").with("constraints.local_only", true))));

      assertThat(violations).extracting(Violation::code).containsExactly(PRIVACY_CONFLICT);
      assertThat(violations.get(0).path()).startsWith("$.work_units[0].constraints.");
    }

    @Test
    void anLlmUnitRequiringATrustedNodeIsAConflict() {
      // A trusted node is a CPU node; an llm unit runs on an LLM pod only, so it fits nowhere.
      List<Violation> violations =
          violations(parse(graph(llm("a").with("constraints.trusted_node_required", true))));

      assertThat(violations).extracting(Violation::code).containsExactly(PRIVACY_CONFLICT);
      assertThat(violations.get(0).path()).startsWith("$.work_units[0].constraints.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deterministic", "retrieval", "small_model"})
    void aLocalOnlyCpuUnitIsAccepted(String type) {
      WorkUnit unit =
          accepted(parse(graph(unit("a", type).with("constraints.privacy", "local_only"))))
              .workUnits()
              .get(0);

      assertThat(unit.privacy()).isEqualTo(Privacy.LOCAL_ONLY);
    }

    @Test
    void anLlmUnitThatAllowsRemoteIsAccepted() {
      assertThat(
              accepted(parse(graph(llm("a").with("constraints.privacy", "allow_remote"))))
                  .workUnits())
          .singleElement()
          .extracting(WorkUnit::privacy)
          .isEqualTo(Privacy.ALLOW_REMOTE);
    }
  }

  @Nested
  final class SeveralProblems {

    @Test
    void everyViolationIsReportedWithItsPath() {
      GraphJson document =
          graph(
                  unit("a", "quantum"),
                  deterministic("b", "a", "ghost"),
                  llm("c", "b").with("constraints.privacy", "local_only"),
                  deterministic("b"),
                  deterministic("d", "e"),
                  deterministic("e", "d"),
                  deterministic("f").with("retries.max_attempts", 0),
                  deterministic("g").without("run"))
              .without("graph_id")
              .with("schema_version", "2.0")
              .with("created_at", "soon")
              .with("budgets.max_tokens", -5)
              .with("policies.failure_policy", "sometimes")
              .with("outputs.final", "nowhere");

      assertViolations(parse(document))
          .containsExactlyInAnyOrder(
              tuple(MISSING_FIELD, "$.graph_id"),
              tuple(UNSUPPORTED_SCHEMA_VERSION, "$.schema_version"),
              tuple(WRONG_TYPE, "$.created_at"),
              tuple(NEGATIVE_BUDGET, "$.budgets.max_tokens"),
              tuple(WRONG_TYPE, "$.policies.failure_policy"),
              tuple(UNKNOWN_WORK_UNIT_TYPE, "$.work_units[0].type"),
              tuple(UNKNOWN_DEPENDENCY, "$.work_units[1].dependencies[1]"),
              tuple(PRIVACY_CONFLICT, "$.work_units[2].constraints.privacy"),
              tuple(DUPLICATE_WORK_UNIT_ID, "$.work_units[3].id"),
              tuple(DAG_CYCLE, "$.work_units[4]"),
              tuple(WRONG_TYPE, "$.work_units[6].retries.max_attempts"),
              tuple(MISSING_FIELD, "$.work_units[7].run"),
              tuple(UNKNOWN_DEPENDENCY, "$.outputs.final"));
    }

    @Test
    void theRejectionKeepsTheIdentityItCouldRead() {
      ParseOutcome.Rejected rejection =
          rejected(parse(graph(unit("a", "quantum")).with("budgets.max_tokens", -1)));

      assertThat(rejection.graphId()).isEqualTo("g-1");
      assertThat(rejection.tenantId()).isEqualTo("t-1");
      assertThat(rejection.requestId()).isEqualTo("r-1");
      assertThat(rejection.violations()).hasSize(2);
    }

    @Test
    void aViolationReadsAsCodeAtPathWithItsReason() {
      Violation violation = violations(parse(graph(deterministic("a", "a")))).get(0);

      assertThat(violation)
          .hasToString(
              "DAG_CYCLE at $.work_units[0].dependencies[0] (the unit depends on itself (a → a))");
    }
  }
}
