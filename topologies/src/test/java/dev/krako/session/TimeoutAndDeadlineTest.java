package dev.krako.session;

import static dev.krako.session.SessionDecider.DISPATCH_TIMEOUT;
import static dev.krako.session.SessionDecider.RUN_TIMEOUT;
import static dev.krako.session.SessionHarness.T0;
import static dev.krako.session.SessionHarness.dispatched;
import static dev.krako.session.SessionHarness.dispatches;
import static dev.krako.session.UnitSpec.cpu;
import static dev.krako.session.UnitSpec.graph;
import static dev.krako.session.UnitSpec.llm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.FailurePolicy;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Attempt timeouts ({@code AttemptTimedOut}) and the session deadline ({@code DeadlineReached})
 * through {@code decide}: a timeout is a failed attempt of the current attempt only; a deadline
 * ends a running session with budget_exhausted.
 */
final class TimeoutAndDeadlineTest {

  private final SessionHarness harness = new SessionHarness();

  @Nested
  final class AttemptTimeouts {

    @ParameterizedTest
    @ValueSource(strings = {RUN_TIMEOUT, DISPATCH_TIMEOUT})
    void aTimeoutOfAnUnclaimedAttemptIsAFailedAttemptAndIsRetried(String code) {
      harness.admit(graph(cpu("a").retries(2, 0).timeouts(1_000L, 5_000L)));
      harness.advance(Duration.ofMillis(1_000));

      Decision timeout = harness.timeout("a", 0, code);

      assertThat(timeout.effects())
          .containsExactly(
              new Effect.RetryScheduled("a", 1, 0, T0.plusMillis(1_000)),
              dispatches(timeout).get(0));
      assertThat(dispatches(timeout).get(0).attempt()).isEqualTo(1);
      UnitRun run = harness.session().unit("a");
      assertThat(run.status()).isEqualTo(UnitStatus.DISPATCHED);
      assertThat(run.attemptsUsed()).isEqualTo(1);
      assertThat(run.errorCode()).isEqualTo(code);
      assertThat(run.durationMs()).isEqualTo(1_000);
      assertThat(run.dispatchedAt()).isEqualTo(T0.plusMillis(1_000));
    }

    @Test
    void aTimeoutWaitsOutTheUnitsBackoffBeforeTheNextAttempt() {
      harness.admit(graph(cpu("a").retries(2, 250)));
      harness.advance(Duration.ofMillis(300));

      Decision timeout = harness.timeout("a", 0, RUN_TIMEOUT);

      assertThat(timeout.effects())
          .containsExactly(new Effect.RetryScheduled("a", 1, 250, T0.plusMillis(550)));
      assertThat(harness.session().unit("a").status()).isEqualTo(UnitStatus.RETRY_WAIT);
      assertThat(harness.timeout("a", 1, RUN_TIMEOUT)).isEqualTo(Decision.unchanged());
    }

    @Test
    void aRunTimeoutOfAClaimedAttemptIsAFailedAttempt() {
      harness.admit(graph(cpu("a").retries(2, 0)));
      harness.claim("a", 0);

      assertThat(dispatched(harness.timeout("a", 0, RUN_TIMEOUT))).containsExactly("a");
      assertThat(harness.session().unit("a").errorCode()).isEqualTo(RUN_TIMEOUT);
    }

    @Test
    void aDispatchTimeoutAfterTheClaimChangesNothing() {
      harness.admit(graph(cpu("a").retries(2, 0).timeouts(100L, null)));
      harness.claim("a", 0);
      Session claimed = harness.session();

      assertThat(harness.timeout("a", 0, DISPATCH_TIMEOUT)).isEqualTo(Decision.unchanged());
      assertThat(harness.session()).isEqualTo(claimed);
    }

    @Test
    void theLastAttemptTimingOutExhaustsTheRetriesOfAFailFastSession() {
      harness.admit(graph(cpu("a"), cpu("b", "a")));
      harness.advance(Duration.ofSeconds(3));

      Decision timeout = harness.timeout("a", 0, RUN_TIMEOUT);

      assertThat(timeout.effects())
          .containsExactly(
              new Effect.UnitSkipped("b", 0, SkipReason.SESSION_ENDED),
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 3_000));
      assertThat(harness.session().unit("a").status()).isEqualTo(UnitStatus.FAILED);
      assertThat(harness.session().unit("a").errorCode()).isEqualTo(RUN_TIMEOUT);
    }

    @Test
    void underContinueOnErrorTheDependentsOfATimedOutUnitAreSkipped() {
      harness.admit(graph(FailurePolicy.CONTINUE_ON_ERROR, cpu("a"), cpu("b", "a"), cpu("c")));

      Decision timeout = harness.timeout("a", 0, DISPATCH_TIMEOUT);

      assertThat(timeout.effects())
          .containsExactly(new Effect.UnitSkipped("b", 0, SkipReason.DEPENDENCY_FAILED));
      assertThat(harness.complete("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.complete("c", 0).effects())
          .containsExactly(
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 0));
    }

    @Test
    void aTimeoutOfAnOldOrAFutureAttemptChangesNothing() {
      harness.admit(graph(cpu("a").retries(3, 0)));
      harness.fail("a", 0);
      Session second = harness.session();

      assertThat(harness.timeout("a", 0, RUN_TIMEOUT)).isEqualTo(Decision.unchanged());
      assertThat(harness.timeout("a", 0, DISPATCH_TIMEOUT)).isEqualTo(Decision.unchanged());
      assertThat(harness.timeout("a", 2, RUN_TIMEOUT)).isEqualTo(Decision.unchanged());
      assertThat(harness.session()).isEqualTo(second);
    }

    @Test
    void aTimeoutOfAnEndedOrUnknownUnitChangesNothing() {
      harness.admit(graph(cpu("a"), cpu("b")));
      harness.complete("a", 0);

      assertThat(harness.timeout("a", 0, RUN_TIMEOUT)).isEqualTo(Decision.unchanged());
      assertThat(harness.timeout("ghost", 0, RUN_TIMEOUT)).isEqualTo(Decision.unchanged());
      assertThat(harness.session().running()).isTrue();
    }

    @Test
    void aTimeoutBeforeAdmissionChangesNothing() {
      assertThat(harness.timeout("a", 0, RUN_TIMEOUT)).isEqualTo(Decision.unchanged());
      assertThat(harness.state()).isEmpty();
    }

    @Test
    void aLateOutcomeOfATimedOutAttemptChangesNothing() {
      harness.admit(graph(cpu("a").retries(2, 0), cpu("b", "a")));
      harness.timeout("a", 0, RUN_TIMEOUT);
      Session retrying = harness.session();

      assertThat(harness.complete("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.fail("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.claim("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.timeout("a", 0, RUN_TIMEOUT)).isEqualTo(Decision.unchanged());
      assertThat(harness.session()).isEqualTo(retrying);
      assertThat(dispatched(harness.complete("a", 1))).containsExactly("b");
    }

    @Test
    void aTimedOutModelAttemptGivesBackItsGrantAndUsesNoTokens() {
      harness.admit(graph(UnitSpec.budgets(5, 5, 100), llm("a").tokens(60).retries(2, 100)));

      harness.timeout("a", 0, RUN_TIMEOUT);

      UnitRun run = harness.session().unit("a");
      assertThat(run.reservedTokens()).isZero();
      assertThat(run.usage()).isEqualTo(Usage.NONE);
      assertThat(SessionHarness.tokensHeld(harness.session())).isZero();
      assertThat(dispatches(harness.retryDue("a", 1)))
          .singleElement()
          .extracting(Effect.Dispatch::tokenGrant)
          .isEqualTo(60L);
    }
  }

  @Nested
  final class Deadline {

    @Test
    void theDeadlineEndsARunningSessionAndCancelsWhatHasNotEnded() {
      harness.admit(
          graph(
              cpu("done"),
              cpu("running"),
              cpu("retrying").retries(2, 10_000),
              cpu("waiting", "done", "running")));
      harness.complete("done", 0);
      harness.claim("running", 0);
      harness.fail("retrying", 0);
      harness.advance(Duration.ofMillis(60_000));

      Decision deadline = harness.deadline();

      assertThat(deadline.effects())
          .containsExactly(
              new Effect.UnitSkipped("running", 0, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("retrying", 1, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("waiting", 0, SkipReason.SESSION_ENDED),
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.BUDGET_EXHAUSTED, 60_000));
      Session end = harness.session();
      assertThat(end.status()).isEqualTo(SessionStatus.FAILED);
      assertThat(end.stopReason()).isEqualTo(StopReason.BUDGET_EXHAUSTED);
      assertThat(end.endedAt()).isEqualTo(T0.plusMillis(60_000));
      assertThat(end.unit("done").status()).isEqualTo(UnitStatus.COMPLETED);
      assertThat(end.unit("running").status()).isEqualTo(UnitStatus.CANCELLED);
      assertThat(end.unit("running").skipReason()).isEqualTo(SkipReason.SESSION_ENDED);
      assertThat(end.unit("waiting").status()).isEqualTo(UnitStatus.CANCELLED);
    }

    @Test
    void afterTheDeadlineLateOutcomesAndTimersChangeNothing() {
      harness.admit(graph(cpu("a").retries(2, 100), cpu("b", "a")));
      harness.deadline();

      assertThat(harness.complete("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.fail("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.timeout("a", 0, RUN_TIMEOUT)).isEqualTo(Decision.unchanged());
      assertThat(harness.retryDue("a", 1)).isEqualTo(Decision.unchanged());
      assertThat(harness.deadline()).isEqualTo(Decision.unchanged());
    }

    @Test
    void aDeadlineAfterTheSessionEndedChangesNothing() {
      harness.admit(graph(cpu("a")));
      harness.complete("a", 0);
      Session completed = harness.session();

      assertThat(harness.deadline()).isEqualTo(Decision.unchanged());
      assertThat(harness.session()).isEqualTo(completed);
      assertThat(completed.stopReason()).isEqualTo(StopReason.SUCCESS);
    }

    @Test
    void aDeadlineBeforeAdmissionChangesNothing() {
      assertThat(harness.deadline()).isEqualTo(Decision.unchanged());
      assertThat(harness.state()).isEmpty();
    }

    @Test
    void aDeadlineGivesBackEveryGrant() {
      harness.admit(graph(UnitSpec.budgets(5, 5, 100), llm("a"), llm("b")));

      harness.deadline();

      assertThat(harness.session().units().values()).allMatch(r -> r.reservedTokens() == 0);
    }
  }
}
