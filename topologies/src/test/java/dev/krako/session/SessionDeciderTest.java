package dev.krako.session;

import static dev.krako.session.SessionHarness.T0;
import static dev.krako.session.SessionHarness.dispatched;
import static dev.krako.session.SessionHarness.dispatches;
import static dev.krako.session.SessionHarness.output;
import static dev.krako.session.UnitSpec.cpu;
import static dev.krako.session.UnitSpec.graph;
import static dev.krako.session.UnitSpec.llm;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.FailurePolicy;
import dev.krako.graph.TaskGraph;
import dev.krako.graph.UnitType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** decide(state, input): gating, order, placement, idempotence, retries and failure policies. */
final class SessionDeciderTest {

  private final SessionHarness harness = new SessionHarness();

  @Nested
  final class Admission {

    @Test
    void admittingAGraphStartsTheSessionAndDispatchesItsRoots() {
      Decision decision = harness.admit(graph(cpu("a"), cpu("b", "a"), cpu("c")));

      assertThat(decision.effects().get(0)).isEqualTo(new Effect.SessionStarted(3));
      assertThat(dispatched(decision)).containsExactly("a", "c");
      assertThat(harness.session().status()).isEqualTo(SessionStatus.RUNNING);
      assertThat(harness.session().startedAt()).isEqualTo(T0);
      assertThat(harness.session().unit("b").status()).isEqualTo(UnitStatus.WAITING);
    }

    @Test
    void aSecondAdmissionOfTheSessionChangesNothing() {
      harness.admit(graph(cpu("a")));

      assertThat(harness.admit(graph(cpu("a"), cpu("b")))).isEqualTo(Decision.unchanged());
      assertThat(harness.session().units()).containsOnlyKeys("a");
    }

    @Test
    void rootsAreDispatchedAsTheirFirstAttempt() {
      Decision decision = harness.admit(graph(cpu("a")));

      assertThat(dispatches(decision))
          .singleElement()
          .extracting(Effect.Dispatch::attempt)
          .isEqualTo(0);
      assertThat(harness.session().unit("a").status()).isEqualTo(UnitStatus.DISPATCHED);
      assertThat(harness.session().unit("a").dispatchedAt()).isEqualTo(T0);
    }
  }

  @Nested
  final class Gating {

    @Test
    void aUnitIsNotDispatchedBeforeItsDependencyCompletes() {
      harness.admit(graph(cpu("a"), cpu("b", "a")));

      assertThat(dispatched(harness.claim("a", 0))).isEmpty();
      assertThat(harness.session().unit("b").status()).isEqualTo(UnitStatus.WAITING);
      assertThat(dispatched(harness.complete("a", 0))).containsExactly("b");
    }

    @Test
    void aDiamondJoinWaitsForBothBranches() {
      harness.admit(graph(cpu("a"), cpu("b", "a"), cpu("c", "a"), cpu("d", "b", "c")));

      assertThat(dispatched(harness.complete("a", 0))).containsExactly("b", "c");
      assertThat(dispatched(harness.complete("c", 0))).isEmpty();
      assertThat(dispatched(harness.complete("b", 0))).containsExactly("d");
    }

    @Test
    void aFanOutDispatchesEveryDependentAtOnce() {
      harness.admit(graph(cpu("r"), cpu("z", "r"), cpu("x", "r"), cpu("y", "r")));

      assertThat(dispatched(harness.complete("r", 0))).containsExactly("x", "y", "z");
    }

    @Test
    void aDispatchCarriesTheOutputsOfItsDependencies() {
      harness.admit(graph(cpu("a"), cpu("b", "a"), cpu("c", "a"), cpu("d", "b", "c")));
      harness.complete("a", 0);
      harness.complete("b", 0);

      Effect.Dispatch dispatch = dispatches(harness.complete("c", 0)).get(0);

      assertThat(dispatch.unit().id()).isEqualTo("d");
      assertThat(dispatch.dependencyOutputs())
          .isEqualTo(Map.of("b", output("b"), "c", output("c")));
    }

    @Test
    void aRootIsDispatchedWithoutDependencyOutputs() {
      assertThat(dispatches(harness.admit(graph(cpu("a")))))
          .singleElement()
          .extracting(Effect.Dispatch::dependencyOutputs)
          .isEqualTo(Map.of());
    }

    @Test
    void theDispatchedUnitIsTheDeclaredOneUnchanged() {
      TaskGraph graph = graph(cpu("a"), llm("b", "a").retries(3, 50));
      harness.admit(graph);

      Effect.Dispatch dispatch = dispatches(harness.complete("a", 0)).get(0);

      assertThat(dispatch.unit()).isEqualTo(graph.unit("b").orElseThrow());
    }
  }

  @Nested
  final class Order {

    @Test
    void readyUnitsAreDispatchedInIdOrder() {
      Decision decision = harness.admit(graph(cpu("b"), cpu("a"), cpu("B"), cpu("a2"), cpu("_")));

      assertThat(dispatched(decision)).containsExactly("B", "_", "a", "a2", "b");
    }

    @Test
    void readyUnitsAreDispatchedInCodePointOrderNotUtf16Order() {
      String privateUse = "\uE000"; // U+E000, one UTF-16 unit above the surrogates
      String beyondBmp = "\uD83D\uDE00"; // U+1F600, a surrogate pair
      assertThat(privateUse.compareTo(beyondBmp))
          .as("String.compareTo puts U+E000 last")
          .isPositive();

      Decision decision = harness.admit(graph(cpu(beyondBmp), cpu(privateUse)));

      assertThat(dispatched(decision)).containsExactly(privateUse, beyondBmp);
    }

    @Test
    void theSameInputsGiveTheSameDecisions() {
      TaskGraph graph = graph(cpu("c"), cpu("a"), cpu("b", "a", "c"));
      SessionHarness other = new SessionHarness();

      assertThat(other.admit(graph)).isEqualTo(harness.admit(graph));
      assertThat(other.complete("c", 0)).isEqualTo(harness.complete("c", 0));
      assertThat(other.complete("a", 0)).isEqualTo(harness.complete("a", 0));
    }
  }

  @Nested
  final class Placement {

    @Test
    void anLlmUnitGoesToAnLlmPod() {
      assertThat(dispatches(harness.admit(graph(llm("a")))))
          .singleElement()
          .extracting(Effect.Dispatch::substrate)
          .isEqualTo(Substrate.LLM_POD);
    }

    @ParameterizedTest
    @EnumSource(
        value = UnitType.class,
        names = {"DETERMINISTIC", "RETRIEVAL", "SMALL_MODEL"})
    void aCpuUnitGoesToTheCpuPool(UnitType type) {
      assertThat(dispatches(harness.admit(graph(cpu("a").ofType(type)))))
          .singleElement()
          .extracting(Effect.Dispatch::substrate)
          .isEqualTo(Substrate.CPU);
    }

    @ParameterizedTest
    @EnumSource(
        value = UnitType.class,
        names = {"DETERMINISTIC", "RETRIEVAL", "SMALL_MODEL"})
    void aLocalOnlyCpuUnitGoesToTrustedCpu(UnitType type) {
      assertThat(dispatches(harness.admit(graph(cpu("a").ofType(type).localOnly()))))
          .singleElement()
          .extracting(Effect.Dispatch::substrate)
          .isEqualTo(Substrate.CPU_TRUSTED);
    }

    @ParameterizedTest
    @EnumSource(
        value = UnitType.class,
        names = {"DETERMINISTIC", "RETRIEVAL", "SMALL_MODEL"})
    void aCpuUnitRequiringATrustedNodeGoesToTrustedCpu(UnitType type) {
      assertThat(dispatches(harness.admit(graph(cpu("a").ofType(type).trustedNodeRequired()))))
          .singleElement()
          .extracting(Effect.Dispatch::substrate)
          .isEqualTo(Substrate.CPU_TRUSTED);
    }
  }

  @Nested
  final class DuplicatesAndReordering {

    @Test
    void aSecondIdenticalCompletionChangesNothing() {
      harness.admit(graph(cpu("a"), cpu("b", "a")));
      harness.complete("a", 0);
      Session afterFirst = harness.session();

      assertThat(harness.complete("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.session()).isEqualTo(afterFirst);
    }

    @Test
    void aCompletionOfAnOldAttemptChangesNothing() {
      harness.admit(graph(cpu("a").retries(3, 0)));
      harness.fail("a", 0);

      assertThat(harness.complete("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.fail("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.claim("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.session().unit("a").attemptIndex()).isEqualTo(1);
    }

    @Test
    void aCompletionOfAnAttemptNotYetDispatchedChangesNothing() {
      harness.admit(graph(cpu("a").retries(3, 0), cpu("b", "a")));

      assertThat(harness.complete("a", 1)).isEqualTo(Decision.unchanged());
      assertThat(harness.complete("b", 0)).isEqualTo(Decision.unchanged());
    }

    @Test
    void anEventForAnUnknownUnitChangesNothing() {
      harness.admit(graph(cpu("a")));

      assertThat(harness.complete("ghost", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.fail("ghost", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.claim("ghost", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.retryDue("ghost", 1)).isEqualTo(Decision.unchanged());
    }

    @Test
    void anEventForAnUnknownSessionChangesNothing() {
      assertThat(harness.complete("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.fail("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.claim("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.retryDue("a", 1)).isEqualTo(Decision.unchanged());
      assertThat(harness.state()).isEmpty();
    }

    @Test
    void anEventForAnEndedSessionChangesNothing() {
      harness.admit(graph(cpu("a"), cpu("b")));
      harness.fail("a", 0);
      assertThat(harness.session().running()).isFalse();

      assertThat(harness.complete("b", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.claim("b", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.fail("a", 0)).isEqualTo(Decision.unchanged());
    }

    @Test
    void aClaimMarksTheUnitRunningAndOnlyStartsItsLease() {
      harness.admit(graph(cpu("a")));

      Decision decision = harness.claim("a", 0);

      assertThat(decision.next()).isPresent();
      assertThat(decision.effects()).containsExactly(new Effect.LeaseStarted("a", 0, null));
      assertThat(harness.session().unit("a").status()).isEqualTo(UnitStatus.RUNNING);
      assertThat(harness.session().unit("a").nodeId()).isEqualTo("node-1");
    }

    @Test
    void aDuplicateClaimChangesNothing() {
      harness.admit(graph(cpu("a")));
      harness.claim("a", 0);

      assertThat(harness.claim("a", 0)).isEqualTo(Decision.unchanged());
    }

    @Test
    void aCompletionBeforeItsClaimCountsAndTheLateClaimChangesNothing() {
      harness.admit(graph(cpu("a"), cpu("b", "a")));

      assertThat(dispatched(harness.complete("a", 0))).containsExactly("b");
      assertThat(harness.claim("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.session().unit("a").status()).isEqualTo(UnitStatus.COMPLETED);
    }
  }

  @Nested
  final class Retries {

    @Test
    void attemptsNeverExceedMaxAttempts() {
      harness.admit(graph(cpu("a").retries(3, 0)));

      assertThat(dispatches(harness.fail("a", 0)))
          .extracting(Effect.Dispatch::attempt)
          .containsExactly(1);
      assertThat(dispatches(harness.fail("a", 1)))
          .extracting(Effect.Dispatch::attempt)
          .containsExactly(2);
      Decision last = harness.fail("a", 2);

      assertThat(dispatches(last)).isEmpty();
      assertThat(last.effects()).noneMatch(e -> e instanceof Effect.RetryScheduled);
      assertThat(harness.session().unit("a").status()).isEqualTo(UnitStatus.FAILED);
      assertThat(harness.session().unit("a").attemptsUsed()).isEqualTo(3);
      assertThat(harness.fail("a", 3)).isEqualTo(Decision.unchanged());
    }

    @Test
    void oneAttemptMeansNoRetry() {
      harness.admit(graph(cpu("a")));

      Decision decision = harness.fail("a", 0);

      assertThat(decision.effects())
          .noneMatch(e -> e instanceof Effect.RetryScheduled || e instanceof Effect.Dispatch);
      assertThat(harness.session().unit("a").status()).isEqualTo(UnitStatus.FAILED);
    }

    @Test
    void aZeroBackoffRedispatchesAtOnce() {
      harness.admit(graph(cpu("a").retries(2, 0)));
      harness.advance(Duration.ofMillis(700));

      Decision decision = harness.fail("a", 0);

      assertThat(decision.effects())
          .containsExactly(
              new Effect.RetryScheduled("a", 1, 0, harness.now()), dispatches(decision).get(0));
      assertThat(dispatches(decision).get(0).attempt()).isEqualTo(1);
      assertThat(harness.session().unit("a").status()).isEqualTo(UnitStatus.DISPATCHED);
    }

    @Test
    void aBackoffSchedulesTheRetryAtFailureTimePlusBackoff() {
      harness.admit(graph(cpu("a").retries(2, 1_500)));
      harness.advance(Duration.ofMillis(200));

      Decision decision = harness.fail("a", 0);

      assertThat(decision.effects())
          .containsExactly(new Effect.RetryScheduled("a", 1, 1_500, T0.plusMillis(1_700)));
      assertThat(harness.session().unit("a").status()).isEqualTo(UnitStatus.RETRY_WAIT);
    }

    @Test
    void onlyRetryDueDispatchesTheNextAttempt() {
      harness.admit(graph(cpu("a").retries(2, 1_500)));
      harness.fail("a", 0);

      assertThat(harness.complete("a", 1)).isEqualTo(Decision.unchanged());
      assertThat(harness.claim("a", 1)).isEqualTo(Decision.unchanged());
      harness.advance(Duration.ofMillis(1_500));
      Decision due = harness.retryDue("a", 1);

      assertThat(dispatches(due)).singleElement().extracting(Effect.Dispatch::attempt).isEqualTo(1);
      assertThat(harness.session().unit("a").dispatchedAt()).isEqualTo(T0.plusMillis(1_500));
    }

    @Test
    void aDuplicateOrStaleRetryDueChangesNothing() {
      harness.admit(graph(cpu("a").retries(3, 1_000)));
      harness.fail("a", 0);

      assertThat(harness.retryDue("a", 2)).isEqualTo(Decision.unchanged());
      harness.retryDue("a", 1);
      assertThat(harness.retryDue("a", 1)).isEqualTo(Decision.unchanged());
    }

    @Test
    void aRetryDueWithoutAFailureChangesNothing() {
      harness.admit(graph(cpu("a").retries(3, 1_000)));

      assertThat(harness.retryDue("a", 1)).isEqualTo(Decision.unchanged());
      assertThat(harness.retryDue("a", 0)).isEqualTo(Decision.unchanged());
    }

    @Test
    void aRetriedUnitThatSucceedsCompletesTheSession() {
      harness.admit(graph(cpu("a").retries(2, 0)));
      harness.fail("a", 0);

      Decision decision = harness.complete("a", 1);

      assertThat(decision.effects())
          .containsExactly(new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 0));
      UnitRun run = harness.session().unit("a");
      assertThat(run.attemptsUsed()).isEqualTo(2);
      assertThat(run.usage()).isEqualTo(new Usage(10, 200, 80, 2));
      assertThat(run.durationMs()).isEqualTo(20);
      assertThat(run.errorCode()).isNull();
    }
  }

  @Nested
  final class FailFast {

    @Test
    void aUnitThatFailsForGoodEndsTheSessionAndCancelsUnstartedUnits() {
      harness.admit(graph(cpu("a"), cpu("b", "a"), cpu("c", "b")));
      harness.advance(Duration.ofSeconds(2));

      Decision decision = harness.fail("a", 0);

      assertThat(decision.effects())
          .containsExactly(
              new Effect.UnitSkipped("b", 0, SkipReason.SESSION_ENDED),
              new Effect.UnitSkipped("c", 0, SkipReason.SESSION_ENDED),
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 2_000));
      assertThat(harness.session().status()).isEqualTo(SessionStatus.FAILED);
      assertThat(harness.session().stopReason()).isEqualTo(StopReason.RETRY_EXHAUSTED);
      assertThat(harness.session().unit("a").status()).isEqualTo(UnitStatus.FAILED);
      assertThat(harness.session().unit("b").status()).isEqualTo(UnitStatus.CANCELLED);
      assertThat(harness.session().unit("c").status()).isEqualTo(UnitStatus.CANCELLED);
    }

    @Test
    void unitsInFlightAreCancelledTooAndTheirLateResultsIgnored() {
      harness.admit(graph(cpu("a"), cpu("b").retries(3, 0)));
      harness.fail("b", 0);

      Decision decision = harness.fail("a", 0);

      assertThat(decision.effects())
          .contains(new Effect.UnitSkipped("b", 1, SkipReason.SESSION_ENDED));
      assertThat(harness.complete("b", 1)).isEqualTo(Decision.unchanged());
    }

    @Test
    void aFailureWithRetriesLeftDoesNotEndTheSession() {
      harness.admit(graph(cpu("a").retries(2, 0), cpu("b", "a")));

      harness.fail("a", 0);

      assertThat(harness.session().running()).isTrue();
      assertThat(harness.session().unit("b").status()).isEqualTo(UnitStatus.WAITING);
    }
  }

  @Nested
  final class ContinueOnError {

    @Test
    void dependentsOfAFailedUnitAreSkippedAndIndependentUnitsRun() {
      harness.admit(
          graph(
              FailurePolicy.CONTINUE_ON_ERROR,
              cpu("a"),
              cpu("b", "a"),
              cpu("c", "b"),
              cpu("d"),
              cpu("e", "d")));

      Decision failure = harness.fail("a", 0);

      assertThat(failure.effects())
          .containsExactly(
              new Effect.UnitSkipped("b", 0, SkipReason.DEPENDENCY_FAILED),
              new Effect.UnitSkipped("c", 0, SkipReason.DEPENDENCY_FAILED));
      assertThat(harness.session().running()).isTrue();
      assertThat(dispatched(harness.complete("d", 0))).containsExactly("e");
    }

    @Test
    void aJoinIsSkippedAsSoonAsOneOfItsDependenciesFails() {
      harness.admit(graph(FailurePolicy.CONTINUE_ON_ERROR, cpu("a"), cpu("b"), cpu("j", "a", "b")));

      Decision failure = harness.fail("a", 0);

      assertThat(failure.effects())
          .containsExactly(new Effect.UnitSkipped("j", 0, SkipReason.DEPENDENCY_FAILED));
      assertThat(harness.session().unit("j").status()).isEqualTo(UnitStatus.SKIPPED);
    }

    @Test
    void theSessionEndsFailedOnceEveryUnitHasEnded() {
      harness.admit(graph(FailurePolicy.CONTINUE_ON_ERROR, cpu("a"), cpu("b", "a"), cpu("d")));
      harness.fail("a", 0);
      harness.advance(Duration.ofMillis(300));

      Decision last = harness.complete("d", 0);

      assertThat(last.effects())
          .containsExactly(
              new Effect.SessionEnded(SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, 300));
      assertThat(harness.session().unit("d").status()).isEqualTo(UnitStatus.COMPLETED);
    }
  }

  @Nested
  final class Completion {

    @Test
    void theSessionCompletesWhenEveryUnitHasCompleted() {
      harness.admit(graph(cpu("a"), cpu("b", "a"), cpu("c")));
      harness.complete("c", 0);
      harness.advance(Duration.ofMillis(1_250));
      harness.complete("a", 0);
      harness.advance(Duration.ofMillis(1_000));

      Decision last = harness.complete("b", 0);

      assertThat(last.effects())
          .containsExactly(
              new Effect.SessionEnded(SessionStatus.COMPLETED, StopReason.SUCCESS, 2_250));
      Session session = harness.session();
      assertThat(session.status()).isEqualTo(SessionStatus.COMPLETED);
      assertThat(session.stopReason()).isEqualTo(StopReason.SUCCESS);
      assertThat(session.endedAt()).isEqualTo(T0.plusMillis(2_250));
      assertThat(session.units().values()).allMatch(r -> r.status() == UnitStatus.COMPLETED);
      assertThat(session.unit("b").outputJson()).isEqualTo(output("b"));
    }

    @Test
    void theSessionIsNotCompleteWhileAUnitIsOutstanding() {
      harness.admit(graph(cpu("a"), cpu("b")));

      Decision decision = harness.complete("a", 0);

      assertThat(decision.effects()).isEmpty();
      assertThat(harness.session().running()).isTrue();
      assertThat(harness.session().stopReason()).isNull();
    }
  }

  @Test
  void aDecisionWithoutStateHasNoEffects() {
    assertThat(Decision.unchanged()).isEqualTo(new Decision(Optional.empty(), List.of()));
  }
}
