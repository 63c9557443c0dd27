package dev.krako.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The expected outcomes of corpus graphs, worked out by hand from HANDLERS.md. */
class KoraReferenceTest {

  private final List<CorpusGraph> corpus = Corpus.build("t", 40, 7);

  private Expected expect(String graphId) {
    return KoraReference.expect(
        corpus.stream().filter(g -> g.graphId().equals(graphId)).findFirst().orElseThrow());
  }

  @Test
  void adaptiveLadderIsOneCallWithTheMockTokens() {
    Expected e = expect("adaptive-multi-stage");
    assertThat(e.stopReason()).isEqualTo("success");
    assertThat(e.unit("task_llm"))
        .extracting(
            UnitExpectation::attempts, UnitExpectation::tokensIn, UnitExpectation::tokensOut)
        .containsExactly(1, 1L, 40L);
    assertThat(e.unit("task_llm").output().path("answer").asText()).isEqualTo("Mock answer for: q");
  }

  @Test
  void defaultHarnessCallsTheModelOnceOnItsLongText() {
    Expected e =
        KoraReference.expect(
            corpus.stream()
                .filter(
                    g ->
                        g.family() == Family.SAMPLES && g.graphId().equals("real-workload-harness"))
                .findFirst()
                .orElseThrow());
    assertThat(e.status()).isEqualTo("completed");
    assertThat(e.modelCalls()).isEqualTo(1);
    // 145 code points of question: floor(145 / 4) = 36 tokens in, 40 out.
    assertThat(e.tokens()).isEqualTo(36 + 40);
    assertThat(e.unit("task_pre").output().path("is_simple").asBoolean()).isFalse();
  }

  @Test
  void escalationHarnessFailsAtTheMiniBecauseTheMockHasNoSlides() {
    Expected e = expect("harness-escalation-long");
    assertThat(e.stopReason()).isEqualTo("retry_exhausted");
    assertThat(e.unit("task_llm_mini"))
        .extracting(UnitExpectation::status, UnitExpectation::attempts, UnitExpectation::errorCode)
        .containsExactly("failed", 2, "SCHEMA_MISMATCH");
    assertThat(e.unit("task_quality_gate").status()).isEqualTo("not_run");
    assertThat(e.unit("task_llm_full").status()).isEqualTo("not_run");
  }

  @Test
  void shortTextSkipsTheMiniAndTheGateAsksForTheFullModel() {
    Expected e = expect("harness-escalation-short");
    assertThat(e.unit("task_llm_mini").skipReason()).isEqualTo("skip_if");
    assertThat(e.unit("task_quality_gate").output().path("reason").asText())
        .isEqualTo("mini_missing_slides");
    assertThat(e.unit("task_llm_full").status()).isEqualTo("completed");
    assertThat(e.modelCalls()).isEqualTo(1);
  }

  @Test
  void stressGraphsSkipShortTextsAndExhaustionNeverCallsAModel() {
    List<Expected> stress =
        corpus.stream()
            .filter(g -> g.family() == Family.STRESS)
            .map(KoraReference::expect)
            .toList();
    assertThat(stress).isNotEmpty();
    for (Expected e : stress) {
      UnitExpectation pre = e.unit("task_pre");
      if (pre.status().equals("failed")) {
        assertThat(pre.errorCode()).isEqualTo("SCHEMA_MISMATCH");
        assertThat(e.modelCalls()).isZero();
        assertThat(e.unit("task_llm").status()).isEqualTo("not_run");
      } else if (pre.output().path("is_simple").asBoolean()) {
        assertThat(e.unit("task_llm").skipReason()).isEqualTo("skip_if");
      } else {
        assertThat(e.modelCalls()).isEqualTo(1);
      }
    }
  }

  @Test
  void classificationFollowsTheDatasetsExpectedRoutes() {
    assertThat(
            expect("classify-support-001")
                .unit("task_classify")
                .output()
                .path("selected_route")
                .asText())
        .isEqualTo("det.support.account_access");
    assertThat(
            expect("classify-support-006")
                .unit("task_classify")
                .output()
                .path("route_kind")
                .asText())
        .isEqualTo("provider_required");
    assertThat(expect("classify-support-001").modelCalls()).isZero();
  }

  @Test
  void activationsHoldOnlyWhenTheirConditionDoes() {
    List<Expected> esc =
        corpus.stream()
            .filter(g -> g.family() == Family.ESCALATION)
            .map(KoraReference::expect)
            .toList();
    assertThat(esc)
        .extracting(e -> e.unit("step").activationHeld())
        .containsExactly(true, false, true, false, true, false, true, false);
    assertThat(esc).allSatisfy(e -> assertThat(e.stopReason()).isEqualTo("success"));
    // budget_remaining: 1000 − (100 + 40) = 860 tokens left, ≥ 500 but < 900.
    assertThat(esc.get(6).unit("draft").tokensIn()).isEqualTo(100);
  }

  @Test
  void unsupportedMajorVersionsAreRejected() {
    assertThat(expect("version-2.0").rejectionCode()).isEqualTo("UNSUPPORTED_SCHEMA_VERSION");
    assertThat(expect("version-kora-0.2").rejectionCode()).isEqualTo("UNSUPPORTED_SCHEMA_VERSION");
  }

  @Test
  void aFlakyHandlerNeedsItsRetry() {
    assertThat(expect("retry-flaky-retry").unit("task_flaky").attempts()).isEqualTo(2);
    assertThat(expect("retry-flaky-fail").stopReason()).isEqualTo("retry_exhausted");
    assertThat(expect("retry-failing").unit("answer"))
        .extracting(
            UnitExpectation::modelCalls, UnitExpectation::tokensIn, UnitExpectation::errorCode)
        .containsExactly(2, 0L, "LLM_CALL_FAILED");
    assertThat(expect("retry-malformed").unit("answer").errorCode()).isEqualTo("SCHEMA_MISMATCH");
    assertThat(expect("retry-confident").status()).isEqualTo("completed");
  }
}
