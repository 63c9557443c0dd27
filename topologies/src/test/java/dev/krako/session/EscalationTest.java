package dev.krako.session;

import static dev.krako.graph.Activation.Condition.BUDGET_REMAINING;
import static dev.krako.graph.Activation.Condition.CONFIDENCE_BELOW_THRESHOLD;
import static dev.krako.graph.Activation.Condition.FAILURE;
import static dev.krako.graph.Activation.Condition.SCHEMA_MISMATCH;
import static dev.krako.session.SessionHarness.dispatched;
import static dev.krako.session.SessionHarness.dispatches;
import static dev.krako.session.SessionHarness.output;
import static dev.krako.session.SessionHarness.skips;
import static dev.krako.session.UnitSpec.budgets;
import static dev.krako.session.UnitSpec.cpu;
import static dev.krako.session.UnitSpec.graph;
import static dev.krako.session.UnitSpec.llm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.FailurePolicy;
import dev.krako.graph.TaskGraph;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Escalation steps ({@code activation: {when, of, threshold}}) through {@code decide}: a step runs
 * only when its condition holds for the dependency it watches, is skipped with {@code
 * activation_not_met} otherwise, and a failure it covers does not end a fail_fast session.
 */
final class EscalationTest {

  private static final String SCHEMA = Escalation.SCHEMA_MISMATCH;

  private final SessionHarness harness = new SessionHarness();

  private UnitStatus status(String unit) {
    return harness.session().unit(unit).status();
  }

  private SkipReason skipReason(String unit) {
    return harness.session().unit(unit).skipReason();
  }

  @Nested
  final class OnFailure {

    @Test
    void theStepWaitsWhileItsDependencyRunsOrRetries() {
      harness.admit(graph(cpu("a").retries(2, 0), cpu("fb", "a").when(FAILURE, "a")));

      assertThat(dispatched(harness.fail("a", 0))).containsExactly("a");
      assertThat(status("fb")).isEqualTo(UnitStatus.WAITING);
      assertThat(harness.session().running()).isTrue();
    }

    @Test
    void aCoveredFailureDoesNotEndAFailFastSessionAndTheFallbackRuns() {
      harness.admit(graph(cpu("a").retries(2, 0), cpu("fb", "a").when(FAILURE, "a")));
      harness.fail("a", 0);

      Decision failure = harness.fail("a", 1);

      assertThat(failure.effects()).hasSize(1);
      assertThat(dispatches(failure))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.unit().id()).isEqualTo("fb");
                assertThat(d.attempt()).isZero();
                assertThat(d.dependencyOutputs()).as("a failed: no output").isEmpty();
              });
      assertThat(harness.session().running()).isTrue();
      assertThat(status("a")).isEqualTo(UnitStatus.FAILED);
    }

    @Test
    void aFallbackThatCompletesEndsTheSessionCompletedWithSuccess() {
      harness.admit(graph(cpu("a"), cpu("fb", "a").when(FAILURE, "a")));
      harness.fail("a", 0);
      harness.advance(Duration.ofMillis(40));

      Decision done = harness.complete("fb", 0);

      assertThat(done.effects())
          .containsExactly(
              new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 40));
      assertThat(harness.session().stopReason()).isEqualTo(StopReason.SUCCESS);
      assertThat(status("a")).isEqualTo(UnitStatus.FAILED);
    }

    @Test
    void aFallbackThatFailsEndsAFailFastSessionWithRetryExhausted() {
      harness.admit(
          graph(cpu("a"), cpu("fb", "a").when(FAILURE, "a"), cpu("other"), cpu("after", "fb")));
      harness.fail("a", 0);

      Decision failure = harness.fail("fb", 0);

      assertThat(failure.effects())
          .containsExactly(
              new Effect.UnitSkipped("other", 0, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("after", 0, SkipReason.SESSION_ENDED),
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 0));
      assertThat(status("other")).isEqualTo(UnitStatus.CANCELLED);
    }

    @Test
    void aFallbackThatFailsUnderContinueOnErrorLeavesTheSessionFailed() {
      harness.admit(
          graph(FailurePolicy.CONTINUE_ON_ERROR, cpu("a"), cpu("fb", "a").when(FAILURE, "a")));
      harness.fail("a", 0);

      Decision failure = harness.fail("fb", 0);

      assertThat(failure.effects())
          .containsExactly(
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 0));
    }

    @Test
    void aCoveredFailureUnderContinueOnErrorEndsInSuccessOnceTheFallbackCompletes() {
      harness.admit(
          graph(FailurePolicy.CONTINUE_ON_ERROR, cpu("a"), cpu("fb", "a").when(FAILURE, "a")));
      harness.fail("a", 0);

      assertThat(harness.complete("fb", 0).effects())
          .containsExactly(new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
    }

    @Test
    void whenItsDependencyCompletesTheStepIsSkippedAndTheSessionSucceeds() {
      harness.admit(graph(cpu("a"), cpu("fb", "a").when(FAILURE, "a")));

      Decision done = harness.complete("a", 0);

      assertThat(done.effects())
          .containsExactly(
              new Effect.UnitSkipped("fb", 0, SkipReason.ACTIVATION_NOT_MET),
              new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
      assertThat(status("fb")).isEqualTo(UnitStatus.SKIPPED);
      assertThat(skipReason("fb")).isEqualTo(SkipReason.ACTIVATION_NOT_MET);
      assertThat(harness.session().unit("fb").outputJson()).isNull();
      assertThat(harness.session().unit("fb").attemptsUsed()).isZero();
    }

    @Test
    void dependentsOfASkippedStepAreSkippedAsDependencySkippedAllTheWayDown() {
      harness.admit(
          graph(
              cpu("a"),
              cpu("fb", "a").when(FAILURE, "a"),
              cpu("use", "fb"),
              cpu("deeper", "use"),
              cpu("side", "a")));

      Decision done = harness.complete("a", 0);

      assertThat(skips(done))
          .containsExactly(
              new Effect.UnitSkipped("fb", 0, SkipReason.ACTIVATION_NOT_MET),
              new Effect.UnitSkipped("use", 0, SkipReason.DEPENDENCY_SKIPPED),
              new Effect.UnitSkipped("deeper", 0, SkipReason.DEPENDENCY_SKIPPED));
      assertThat(dispatched(done)).containsExactly("side");
      assertThat(harness.complete("side", 0).effects())
          .containsExactly(new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
    }

    @Test
    void aJoinOnTheWatchedUnitAndItsSkippedStepIsSkippedToo() {
      // The documented rule: only the step itself accepts the watched unit's outcome.
      harness.admit(graph(cpu("a"), cpu("fb", "a").when(FAILURE, "a"), cpu("join", "a", "fb")));

      Decision done = harness.complete("a", 0);

      assertThat(skips(done))
          .containsExactly(
              new Effect.UnitSkipped("fb", 0, SkipReason.ACTIVATION_NOT_MET),
              new Effect.UnitSkipped("join", 0, SkipReason.DEPENDENCY_SKIPPED));
      assertThat(dispatched(done)).isEmpty();
    }

    @Test
    void otherDependentsOfACoveredFailureAreSkippedWhileTheFallbackRuns() {
      harness.admit(graph(cpu("a"), cpu("fb", "a").when(FAILURE, "a"), cpu("b", "a")));

      Decision failure = harness.fail("a", 0);

      assertThat(skips(failure))
          .containsExactly(new Effect.UnitSkipped("b", 0, SkipReason.DEPENDENCY_FAILED));
      assertThat(dispatched(failure)).containsExactly("fb");
      assertThat(harness.complete("fb", 0).effects())
          .containsExactly(new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
    }

    @Test
    void theStepAlsoWaitsForItsOtherDependenciesAndGetsTheirOutputs() {
      harness.admit(graph(cpu("a"), cpu("x"), cpu("fb", "a", "x").when(FAILURE, "a")));

      assertThat(dispatched(harness.fail("a", 0))).isEmpty();
      assertThat(harness.session().running()).isTrue();
      Effect.Dispatch fallback = dispatches(harness.complete("x", 0)).get(0);

      assertThat(fallback.unit().id()).isEqualTo("fb");
      assertThat(fallback.dependencyOutputs()).containsExactly(Map.entry("x", output("x")));
    }

    @Test
    void aStepWhoseOtherDependencyFailedIsSkippedForThatFailure() {
      harness.admit(
          graph(
              FailurePolicy.CONTINUE_ON_ERROR,
              cpu("a"),
              cpu("x"),
              cpu("fb", "a", "x").when(FAILURE, "a")));
      harness.fail("a", 0);

      Decision failure = harness.fail("x", 0);

      assertThat(skips(failure))
          .containsExactly(new Effect.UnitSkipped("fb", 0, SkipReason.DEPENDENCY_FAILED));
      assertThat(harness.session().stopReason()).isEqualTo(StopReason.RETRY_EXHAUSTED);
    }

    @Test
    void anUncoveredFailureStillEndsAFailFastSessionAtOnce() {
      harness.admit(
          graph(
              cpu("a"), cpu("b"), cpu("fb", "b").when(FAILURE, "b"), cpu("c", "a"), llm("d", "b")));
      harness.claim("b", 0);

      Decision failure = harness.fail("a", 0);

      assertThat(failure.effects())
          .containsExactly(
              new Effect.UnitSkipped("b", 0, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("fb", 0, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("c", 0, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("d", 0, SkipReason.SESSION_ENDED),
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 0));
      assertThat(List.of("b", "fb", "c", "d")).allMatch(u -> status(u) == UnitStatus.CANCELLED);
      assertThat(harness.fail("b", 0)).isEqualTo(Decision.unchanged());
    }

    @Test
    void aTimedOutAttemptIsAFailureTheStepCovers() {
      harness.admit(graph(cpu("a"), cpu("fb", "a").when(FAILURE, "a")));

      Decision timeout = harness.timeout("a", 0, SessionDecider.RUN_TIMEOUT);

      assertThat(dispatched(timeout)).containsExactly("fb");
      assertThat(harness.session().running()).isTrue();
    }
  }

  @Nested
  final class OnSchemaMismatch {

    private final TaskGraph failFast = graph(cpu("a"), cpu("fb", "a").when(SCHEMA_MISMATCH, "a"));

    @Test
    void aSchemaMismatchActivatesTheStepAndDoesNotEndTheSession() {
      harness.admit(failFast);

      Decision failure = harness.fail("a", 0, SCHEMA, Usage.NONE);

      assertThat(failure.effects()).hasSize(1);
      assertThat(dispatched(failure)).containsExactly("fb");
      assertThat(harness.complete("fb", 0).effects())
          .containsExactly(new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
    }

    @Test
    void anotherErrorIsNotCoveredAndEndsAFailFastSessionAtOnce() {
      harness.admit(failFast);

      Decision failure = harness.fail("a", 0, "DETERMINISTIC_EXEC_FAILED", Usage.NONE);

      assertThat(failure.effects())
          .containsExactly(
              new Effect.UnitSkipped("fb", 0, SkipReason.SESSION_ENDED),
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 0));
    }

    @Test
    void anotherErrorUnderContinueOnErrorSkipsTheStepAndTheSessionFails() {
      harness.admit(
          graph(
              FailurePolicy.CONTINUE_ON_ERROR,
              cpu("a"),
              cpu("fb", "a").when(SCHEMA_MISMATCH, "a"),
              cpu("after", "fb")));

      Decision failure = harness.fail("a", 0, "RUN_TIMEOUT", Usage.NONE);

      assertThat(failure.effects())
          .containsExactly(
              new Effect.UnitSkipped("fb", 0, SkipReason.ACTIVATION_NOT_MET),
              new Effect.UnitSkipped("after", 0, SkipReason.DEPENDENCY_SKIPPED),
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 0));
    }

    @Test
    void theCodeOfTheLastAttemptDecides() {
      harness.admit(
          graph(cpu("a").retries(2, 0), cpu("fb", "a").when(SCHEMA_MISMATCH, "a"), cpu("z")));
      harness.fail("a", 0, SCHEMA, Usage.NONE);

      Decision last = harness.fail("a", 1, "BOOM", Usage.NONE);

      assertThat(last.effects())
          .contains(new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 0));
    }

    @Test
    void aCompletedDependencyLeavesTheStepSkipped() {
      harness.admit(failFast);

      assertThat(skips(harness.complete("a", 0)))
          .containsExactly(new Effect.UnitSkipped("fb", 0, SkipReason.ACTIVATION_NOT_MET));
      assertThat(harness.session().stopReason()).isEqualTo(StopReason.SUCCESS);
    }

    @Test
    void aFailureStepAndASchemaStepOnOneUnitEachDecideForThemselves() {
      harness.admit(
          graph(
              cpu("a"),
              cpu("onFailure", "a").when(FAILURE, "a"),
              cpu("onSchema", "a").when(SCHEMA_MISMATCH, "a")));

      Decision failure = harness.fail("a", 0, "BOOM", Usage.NONE);

      assertThat(skips(failure))
          .containsExactly(new Effect.UnitSkipped("onSchema", 0, SkipReason.ACTIVATION_NOT_MET));
      assertThat(dispatched(failure)).containsExactly("onFailure");
      assertThat(harness.complete("onFailure", 0).effects())
          .containsExactly(new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
    }
  }

  @Nested
  final class OnLowConfidence {

    private void admitWithThreshold(double threshold) {
      harness.admit(
          graph(
              llm("mini"),
              llm("full", "mini").when(CONFIDENCE_BELOW_THRESHOLD, "mini", threshold),
              cpu("after", "full")));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"confidence\":0.3}",
          "{\"confidence\":0}",
          "{\"confidence\":-1}",
          "{\"confidence\":4.9999e-1,\"answer\":\"x\"}",
          "{\"answer\":\"x\",\"confidence\":0.1}"
        })
    void aConfidenceBelowTheThresholdRunsTheStep(String miniOutput) {
      admitWithThreshold(0.5);

      Decision done = harness.complete("mini", 0, miniOutput);

      assertThat(dispatched(done)).containsExactly("full");
      assertThat(dispatches(done).get(0).dependencyOutputs()).containsEntry("mini", miniOutput);
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "{\"confidence\":0.5}",
          "{\"confidence\":0.9}",
          "{\"answer\":\"no confidence\"}",
          "{\"confidence\":\"0.1\"}",
          "{\"confidence\":null}",
          "{\"confidence\":true}",
          "{\"confidence\":[0.1]}",
          "{\"result\":{\"confidence\":0.1}}",
          "[{\"confidence\":0.1}]",
          "not json",
          ""
        })
    void otherwiseTheStepIsSkippedAndSoAreItsDependents(String miniOutput) {
      admitWithThreshold(0.5);

      Decision done = harness.complete("mini", 0, miniOutput);

      assertThat(done.effects())
          .containsExactly(
              new Effect.UnitSkipped("full", 0, SkipReason.ACTIVATION_NOT_MET),
              new Effect.UnitSkipped("after", 0, SkipReason.DEPENDENCY_SKIPPED),
              new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
    }

    @Test
    void aNullOutputDoesNotMeetTheCondition() {
      admitWithThreshold(0.5);

      assertThat(skips(harness.complete("mini", 0, null)))
          .startsWith(new Effect.UnitSkipped("full", 0, SkipReason.ACTIVATION_NOT_MET));
    }

    @Test
    void aFailedDependencyDoesNotMeetTheCondition() {
      harness.admit(
          graph(
              FailurePolicy.CONTINUE_ON_ERROR,
              llm("mini"),
              llm("full", "mini").when(CONFIDENCE_BELOW_THRESHOLD, "mini", 0.5)));

      Decision failure = harness.fail("mini", 0);

      assertThat(failure.effects())
          .containsExactly(
              new Effect.UnitSkipped("full", 0, SkipReason.ACTIVATION_NOT_MET),
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 0));
    }

    @Test
    void itDoesNotCoverAFailureUnderFailFast() {
      admitWithThreshold(0.5);

      assertThat(harness.fail("mini", 0).effects())
          .endsWith(new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 0));
    }
  }

  @Nested
  final class OnBudgetRemaining {

    private static final Usage USED_300 = new Usage(1, 200, 100, 1);

    @Test
    void theStepRunsWhenAtLeastTheThresholdRemains() {
      harness.admit(
          graph(
              budgets(5, 5, 1_000), llm("a"), llm("more", "a").when(BUDGET_REMAINING, "a", 700.0)));

      Decision done = harness.complete("a", 0, "{}", USED_300);

      assertThat(dispatched(done)).containsExactly("more");
      assertThat(dispatches(done).get(0).tokenGrant()).isEqualTo(700L);
    }

    @Test
    void theStepIsSkippedWhenLessThanTheThresholdRemains() {
      harness.admit(
          graph(
              budgets(5, 5, 1_000),
              llm("a"),
              llm("more", "a").when(BUDGET_REMAINING, "a", 700.5),
              cpu("after", "more")));

      Decision done = harness.complete("a", 0, "{}", USED_300);

      assertThat(done.effects())
          .containsExactly(
              new Effect.UnitSkipped("more", 0, SkipReason.ACTIVATION_NOT_MET),
              new Effect.UnitSkipped("after", 0, SkipReason.DEPENDENCY_SKIPPED),
              new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
    }

    @Test
    void tokensReservedByAttemptsInFlightDoNotRemain() {
      harness.admit(
          graph(
              budgets(5, 5, 1_000),
              llm("a"),
              llm("busy").tokens(200),
              llm("more", "a").when(BUDGET_REMAINING, "a", 600.0)));
      assertThat(harness.session().unit("busy").reservedTokens()).isEqualTo(200);

      Decision done = harness.complete("a", 0, "{}", USED_300);

      assertThat(skips(done))
          .containsExactly(new Effect.UnitSkipped("more", 0, SkipReason.ACTIVATION_NOT_MET));
    }

    @Test
    void tokensUsedByEveryAttemptIncludingFailedOnesCount() {
      harness.admit(
          graph(
              budgets(5, 5, 1_000),
              llm("a").retries(2, 0),
              llm("more", "a").when(BUDGET_REMAINING, "a", 400.0)));
      harness.fail("a", 0, "ADAPTER_FAILED", USED_300);

      Decision done = harness.complete("a", 1, "{}", USED_300);

      assertThat(dispatched(done)).containsExactly("more");
      assertThat(dispatches(done).get(0).tokenGrant()).isEqualTo(400L);
    }

    @Test
    void aZeroThresholdHoldsEvenWithNoTokensLeft() {
      harness.admit(
          graph(budgets(5, 5, 300), llm("a"), cpu("cheap", "a").when(BUDGET_REMAINING, "a", 0.0)));

      Decision done = harness.complete("a", 0, "{}", USED_300);

      assertThat(dispatched(done)).containsExactly("cheap");
      assertThat(dispatches(done).get(0).tokenGrant()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(FailurePolicy.class)
  void onlyDeclaredUnitsAreEverDispatchedAndEachStepAtMostOnce(FailurePolicy policy) {
    TaskGraph graph =
        graph(
            policy,
            cpu("a").retries(2, 0),
            cpu("onFail", "a").when(FAILURE, "a"),
            cpu("onSchema", "a").when(SCHEMA_MISMATCH, "a"),
            llm("b"),
            llm("unsure", "b").when(CONFIDENCE_BELOW_THRESHOLD, "b", 0.8),
            llm("extra", "b").when(BUDGET_REMAINING, "b", 1.0),
            cpu("end", "onFail", "unsure"));
    List<Effect.Dispatch> all = new ArrayList<>();
    all.addAll(dispatches(harness.admit(graph)));
    all.addAll(dispatches(harness.fail("a", 0, SCHEMA, Usage.NONE)));
    all.addAll(dispatches(harness.fail("a", 1, "BOOM", Usage.NONE)));
    all.addAll(dispatches(harness.complete("b", 0, "{\"confidence\":0.2}")));
    for (String unit : List.of("onFail", "unsure", "extra", "end")) {
      all.addAll(dispatches(harness.complete(unit, 0)));
    }

    assertThat(all).allSatisfy(d -> assertThat(graph.workUnits()).contains(d.unit()));
    assertThat(all)
        .extracting(d -> d.unit().id() + "#" + d.attempt())
        .containsExactly("a#0", "b#0", "a#1", "onFail#0", "extra#0", "unsure#0", "end#0");
    assertThat(skipReason("onSchema")).isEqualTo(SkipReason.ACTIVATION_NOT_MET);
    assertThat(harness.session().stopReason()).isEqualTo(StopReason.SUCCESS);
  }
}
