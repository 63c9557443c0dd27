package dev.krako.session;

import static dev.krako.session.SessionHarness.dispatched;
import static dev.krako.session.SessionHarness.dispatches;
import static dev.krako.session.SessionHarness.tokensHeld;
import static dev.krako.session.UnitSpec.budgets;
import static dev.krako.session.UnitSpec.cpu;
import static dev.krako.session.UnitSpec.graph;
import static dev.krako.session.UnitSpec.llm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.UnitType;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The session's budgets as {@code decide} enforces them: calls and CPU units per attempt, token
 * grants reserved at dispatch and settled on usage, and budget_exhausted when the next attempt does
 * not fit or real usage passed the cap while work remains.
 */
final class BudgetLedgerTest {

  private static final Effect.SessionEnded EXHAUSTED =
      new Effect.SessionEnded(SessionStatus.FAILED, StopReason.BUDGET_EXHAUSTED, 0);

  private final SessionHarness harness = new SessionHarness();

  private static Usage tokens(long in, long out) {
    return new Usage(1, in, out, 1);
  }

  private static List<Long> grants(Decision decision) {
    return dispatches(decision).stream().map(Effect.Dispatch::tokenGrant).toList();
  }

  @Nested
  final class CallsAndCpuUnits {

    @Test
    void eachLlmAttemptTakesOneCallAndTheOneThatDoesNotFitEndsTheSession() {
      harness.admit(graph(budgets(2, 10, 10_000), llm("a"), llm("b", "a"), llm("c", "b")));
      assertThat(dispatched(harness.complete("a", 0))).containsExactly("b");

      Decision done = harness.complete("b", 0);

      assertThat(done.effects())
          .containsExactly(new Effect.UnitSkipped("c", 0, SkipReason.SESSION_ENDED), EXHAUSTED);
      assertThat(harness.session().status()).isEqualTo(SessionStatus.FAILED);
      assertThat(harness.session().stopReason()).isEqualTo(StopReason.BUDGET_EXHAUSTED);
      assertThat(harness.session().unit("c").status()).isEqualTo(UnitStatus.CANCELLED);
    }

    @Test
    void retriesTakeCallsToo() {
      harness.admit(graph(budgets(2, 10, 10_000), llm("a").retries(3, 0)));
      assertThat(dispatches(harness.fail("a", 0)))
          .extracting(Effect.Dispatch::attempt)
          .containsExactly(1);

      Decision second = harness.fail("a", 1);

      assertThat(dispatches(second)).isEmpty();
      assertThat(second.effects())
          .endsWith(new Effect.UnitSkipped("a", 2, SkipReason.SESSION_ENDED), EXHAUSTED);
      assertThat(harness.session().unit("a").attemptsUsed()).isEqualTo(2);
    }

    @Test
    void aRetryAfterItsBackoffIsCheckedWhenItIsDue() {
      harness.admit(graph(budgets(1, 10, 10_000), llm("a").retries(2, 500)));
      harness.fail("a", 0);
      assertThat(harness.session().running()).isTrue();
      harness.advance(Duration.ofMillis(500));

      Decision due = harness.retryDue("a", 1);

      assertThat(due.effects())
          .containsExactly(
              new Effect.UnitSkipped("a", 1, SkipReason.SESSION_ENDED),
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.BUDGET_EXHAUSTED, 500));
    }

    @Test
    void aTimedOutAttemptTookItsCall() {
      harness.admit(graph(budgets(1, 10, 10_000), llm("a").retries(2, 0)));

      Decision timeout = harness.timeout("a", 0, SessionDecider.RUN_TIMEOUT);

      assertThat(dispatches(timeout)).isEmpty();
      assertThat(timeout.effects()).endsWith(EXHAUSTED);
    }

    @ParameterizedTest
    @EnumSource(
        value = UnitType.class,
        names = {"DETERMINISTIC", "RETRIEVAL", "SMALL_MODEL"})
    void everyOtherTypeTakesOneCpuUnitPerAttempt(UnitType type) {
      harness.admit(
          graph(budgets(10, 2, 10_000), cpu("a").ofType(type).retries(2, 0), cpu("b", "a")));
      assertThat(dispatched(harness.fail("a", 0))).containsExactly("a");

      Decision done = harness.complete("a", 1);

      assertThat(done.effects())
          .containsExactly(new Effect.UnitSkipped("b", 0, SkipReason.SESSION_ENDED), EXHAUSTED);
    }

    @Test
    void llmCallsAndCpuUnitsAreSeparateBudgets() {
      harness.admit(graph(budgets(1, 1, 10_000), cpu("a"), llm("b", "a")));

      assertThat(dispatched(harness.complete("a", 0))).containsExactly("b");
      assertThat(harness.complete("b", 0).effects())
          .containsExactly(new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
    }

    @Test
    void exhaustionAtAdmissionDispatchesWhatFitsThenCancelsEverything() {
      Decision admit = harness.admit(graph(budgets(1, 10, 10_000), llm("a"), llm("b"), cpu("c")));

      assertThat(admit.effects())
          .containsExactly(
              new Effect.SessionStarted(3),
              dispatches(admit).get(0),
              new Effect.UnitSkipped("a", 0, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("b", 0, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("c", 0, SkipReason.SESSION_ENDED),
              EXHAUSTED);
      assertThat(dispatched(admit)).containsExactly("a");
    }

    @Test
    void afterExhaustionNothingMoreHappens() {
      harness.admit(graph(budgets(1, 10, 10_000), cpu("x"), llm("a"), llm("b", "a")));
      harness.complete("a", 0);

      assertThat(harness.complete("x", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.fail("x", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.timeout("x", 0, SessionDecider.RUN_TIMEOUT))
          .isEqualTo(Decision.unchanged());
      assertThat(harness.deadline()).isEqualTo(Decision.unchanged());
      assertThat(harness.session().unit("x").status()).isEqualTo(UnitStatus.CANCELLED);
    }
  }

  @Nested
  final class TokenGrants {

    @Test
    void aModelUnitIsGrantedItsBudgetTokensWhenTheyFit() {
      Decision admit = harness.admit(graph(budgets(5, 5, 1_000), llm("a").tokens(300)));

      assertThat(grants(admit)).containsExactly(300L);
      assertThat(harness.session().unit("a").reservedTokens()).isEqualTo(300);
    }

    @Test
    void withoutBudgetTokensAModelUnitGetsAnEqualShareAmongTheModelUnitsStillToRun() {
      Decision admit =
          harness.admit(
              graph(
                  budgets(5, 5, 900),
                  llm("a"),
                  cpu("b").ofType(UnitType.SMALL_MODEL),
                  cpu("c"),
                  llm("d", "c")));

      // a, b and d are still to run when a is dispatched; c is not a model unit.
      assertThat(dispatches(admit))
          .extracting(d -> d.unit().id() + "=" + d.tokenGrant())
          .containsExactly("a=300", "b=300", "c=null");
      assertThat(grants(harness.complete("c", 0, "{}", Usage.NONE))).containsExactly(300L);
    }

    @Test
    void budgetTokensThatDoNotFitGiveWayToAnEqualShareOfWhatRemains() {
      Decision admit =
          harness.admit(
              graph(
                  budgets(5, 5, 100),
                  llm("a").tokens(80),
                  llm("b").tokens(80),
                  llm("c").tokens(80)));

      // a fits; 20 remain for b and c, which get 10 each, and the session runs.
      assertThat(grants(admit)).containsExactly(80L, 10L, 10L);
      assertThat(harness.session().running()).isTrue();
    }

    @Test
    void twoParallelLlmUnitsNeverGetMoreThanMaxTokensBetweenThem() {
      assertThat(grants(harness.admit(graph(budgets(5, 5, 100), llm("a"), llm("b")))))
          .containsExactly(50L, 50L);

      SessionHarness declared = new SessionHarness();
      assertThat(
              grants(
                  declared.admit(
                      graph(budgets(5, 5, 100), llm("a").tokens(90), llm("b").tokens(90)))))
          .containsExactly(90L, 10L);
      assertThat(tokensHeld(declared.session())).isEqualTo(100);
    }

    @Test
    void cpuUnitsGetNoGrantAndHoldNoTokens() {
      Decision admit = harness.admit(graph(budgets(5, 5, 100), cpu("a"), cpu("b")));

      assertThat(grants(admit)).containsExactly(null, null);
      assertThat(harness.session().units().values()).allMatch(r -> r.reservedTokens() == 0);
    }

    @Test
    void theGrantIsReplacedByTheUsageWhenTheAttemptEnds() {
      harness.admit(graph(budgets(5, 5, 1_000), llm("a").tokens(600), llm("b", "a").tokens(600)));

      Decision done = harness.complete("a", 0, "{}", tokens(150, 50));

      UnitRun a = harness.session().unit("a");
      assertThat(a.reservedTokens()).isZero();
      assertThat(a.usage().tokensIn() + a.usage().tokensOut()).isEqualTo(200);
      assertThat(grants(done)).containsExactly(600L);
      assertThat(tokensHeld(harness.session())).isEqualTo(800);
    }

    @Test
    void aRetryIsGrantedAfreshAfterTheFailedAttemptsUsageCounted() {
      harness.admit(graph(budgets(5, 5, 500), llm("a").tokens(300).retries(2, 0)));

      Decision retry = harness.fail("a", 0, "ADAPTER_FAILED", tokens(200, 100));

      assertThat(grants(retry)).containsExactly(200L);
      assertThat(harness.session().unit("a").reservedTokens()).isEqualTo(200);
      assertThat(tokensHeld(harness.session())).isEqualTo(500);
    }

    @Test
    void noTokenLeftForTheNextModelAttemptEndsTheSession() {
      harness.admit(graph(budgets(5, 5, 100), llm("a"), llm("b", "a")));

      Decision done = harness.complete("a", 0, "{}", tokens(30, 20));

      assertThat(grants(done)).containsExactly(50L);
      assertThat(harness.complete("b", 0, "{}", tokens(30, 20)).effects())
          .containsExactly(new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));

      SessionHarness spent = new SessionHarness();
      spent.admit(graph(budgets(5, 5, 100), llm("a").tokens(100), llm("b", "a")));
      assertThat(spent.complete("a", 0, "{}", tokens(60, 40)).effects())
          .containsExactly(new Effect.UnitSkipped("b", 0, SkipReason.SESSION_ENDED), EXHAUSTED);
    }
  }

  @Nested
  final class Overspending {

    @Test
    void usageAboveTheCapEndsTheSessionWhenWorkRemains() {
      harness.admit(graph(budgets(5, 5, 100), llm("a"), cpu("x"), cpu("b", "a")));

      Decision done = harness.complete("a", 0, "{}", tokens(100, 50));

      assertThat(done.effects())
          .containsExactly(
              new Effect.UnitSkipped("x", 0, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("b", 0, SkipReason.SESSION_ENDED),
              EXHAUSTED);
    }

    @Test
    void usageAboveTheCapOnTheLastUnitStillCompletesTheSession() {
      harness.admit(graph(budgets(5, 5, 100), llm("a")));

      assertThat(harness.complete("a", 0, "{}", tokens(100, 50)).effects())
          .containsExactly(new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
    }

    @Test
    void usageAboveTheGrantButWithinTheCapLeavesTheRestToTheOthers() {
      harness.admit(graph(budgets(5, 5, 100), llm("a"), llm("b"), cpu("c", "a", "b")));

      Decision done = harness.complete("a", 0, "{}", tokens(60, 20));

      assertThat(done.effects()).isEmpty();
      assertThat(harness.session().running()).isTrue();
      assertThat(tokensHeld(harness.session())).isEqualTo(130);
      SessionHarness other = new SessionHarness();
      other.admit(graph(budgets(5, 5, 100), llm("a"), llm("z", "a")));
      assertThat(grants(other.complete("a", 0, "{}", tokens(60, 20)))).containsExactly(20L);
    }

    @Test
    void aFailedAttemptsUsageAboveTheCapEndsTheSessionInsteadOfARetry() {
      harness.admit(graph(budgets(5, 5, 100), llm("a").retries(3, 1_000), cpu("b", "a")));

      Decision failure = harness.fail("a", 0, "ADAPTER_FAILED", tokens(100, 50));

      assertThat(failure.effects())
          .containsExactly(
              new Effect.UnitSkipped("a", 1, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("b", 0, SkipReason.SESSION_ENDED),
              EXHAUSTED);
    }
  }
}
