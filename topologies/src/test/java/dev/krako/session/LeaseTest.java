package dev.krako.session;

import static dev.krako.session.SessionDecider.WORKER_LOST;
import static dev.krako.session.SessionHarness.T0;
import static dev.krako.session.SessionHarness.dispatches;
import static dev.krako.session.UnitSpec.cpu;
import static dev.krako.session.UnitSpec.graph;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.VerificationMode;
import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Leases of claimed attempts: a claim starts one, heartbeats extend it, and its expiry fails the
 * attempt with {@code WORKER_LOST}, which the unit's retry policy then handles like any failure.
 */
final class LeaseTest {

  private static final Duration LENGTH = Duration.ofSeconds(10);

  @Nested
  final class Renewal {

    @Test
    void aClaimHoldsTheAttemptForOneLeaseLength() {
      Lease lease = Lease.claimedAt(T0, LENGTH);

      assertThat(lease.expiredAt(T0.plusMillis(9_999))).isFalse();
      assertThat(lease.expiredAt(T0.plus(LENGTH))).isTrue();
    }

    @Test
    void aHeartbeatExtendsTheLeaseFromTheTimeItWasSent() {
      Lease renewed = Lease.claimedAt(T0, LENGTH).renewedAt(T0.plusSeconds(8), LENGTH);

      assertThat(renewed.expiresAt()).isEqualTo(T0.plusSeconds(18));
      assertThat(renewed.expiredAt(T0.plusSeconds(17))).isFalse();
    }

    @Test
    void anOlderHeartbeatArrivingLateTakesNoTimeBack() {
      Lease renewed = Lease.claimedAt(T0, LENGTH).renewedAt(T0.plusSeconds(8), LENGTH);

      assertThat(renewed.renewedAt(T0.plusSeconds(2), LENGTH)).isEqualTo(renewed);
    }
  }

  @Nested
  final class Probing {

    private static final Duration GRACE = Duration.ofSeconds(5);

    @Test
    void aProbeThatFindsTheLeaseExpiredGivesTheWorkerAGraceFromThen() {
      Lease probed = Lease.claimedAt(T0, LENGTH).probedAt(T0.plusSeconds(25), GRACE);

      assertThat(probed.probed()).isTrue();
      assertThat(probed.expiredAt(T0.plusSeconds(29))).isFalse();
      assertThat(probed.expiredAt(T0.plusSeconds(30))).isTrue();
    }

    @Test
    void aHeartbeatSentAfterTheProbeClearsIt() {
      Lease probed = Lease.claimedAt(T0, LENGTH).probedAt(T0.plusSeconds(25), GRACE);

      Lease renewed = probed.renewedAt(T0.plusSeconds(26), LENGTH);

      assertThat(renewed).isEqualTo(new Lease(T0.plusSeconds(36), false));
    }

    @Test
    void aHeartbeatFromBeforeTheOutageDoesNotClearTheProbe() {
      Lease probed = Lease.claimedAt(T0, LENGTH).probedAt(T0.plusSeconds(25), GRACE);

      assertThat(probed.renewedAt(T0.plusSeconds(9), LENGTH)).isEqualTo(probed);
    }
  }

  @Nested
  final class Decisions {

    private final SessionHarness harness = new SessionHarness();

    private Decision expire(String unit, int attempt, Integer replica) {
      return harness.apply(new SessionInput.LeaseExpired(unit, attempt, replica, harness.now()));
    }

    @Test
    void theLeaseStartsAtTheClaimNotAtTheDispatch() {
      Decision admitted = harness.admit(graph(cpu("a").retries(2, 0)));
      assertThat(admitted.effects()).noneMatch(Effect.LeaseStarted.class::isInstance);

      Decision claimed = harness.claim("a", 0);

      assertThat(claimed.effects()).containsExactly(new Effect.LeaseStarted("a", 0, null));
    }

    @Test
    void anUnclaimedAttemptHasNoLeaseToLose() {
      harness.admit(graph(cpu("a").retries(2, 0)));
      Session dispatched = harness.session();

      assertThat(expire("a", 0, null)).isEqualTo(Decision.unchanged());
      assertThat(harness.session()).isEqualTo(dispatched);
    }

    @Test
    void anExpiredLeaseFailsTheAttemptWithWorkerLostAndTheRetryPolicyApplies() {
      harness.admit(graph(cpu("a").retries(2, 250)));
      harness.claim("a", 0);
      harness.advance(LENGTH);

      Decision lost = expire("a", 0, null);

      assertThat(lost.effects())
          .containsExactly(new Effect.RetryScheduled("a", 1, 250, T0.plus(LENGTH).plusMillis(250)));
      UnitRun run = harness.session().unit("a");
      assertThat(run.status()).isEqualTo(UnitStatus.RETRY_WAIT);
      assertThat(run.errorCode()).isEqualTo(WORKER_LOST);
      assertThat(run.durationMs()).isEqualTo(LENGTH.toMillis());
    }

    @Test
    void theLastAttemptsWorkerLostExhaustsTheRetries() {
      harness.admit(graph(cpu("a")));
      harness.claim("a", 0);
      harness.advance(LENGTH);

      Decision lost = expire("a", 0, null);

      assertThat(lost.effects())
          .containsExactly(
              new Effect.SessionEnded(
                  SessionStatus.FAILED, StopReason.RETRY_EXHAUSTED, LENGTH.toMillis()));
      assertThat(harness.session().unit("a").errorCode()).isEqualTo(WORKER_LOST);
    }

    @Test
    void anOutcomeAfterTheLeaseExpiredIsIgnoredAndTheNextAttemptRuns() {
      harness.admit(graph(cpu("a").retries(2, 0)));
      harness.claim("a", 0);
      harness.advance(LENGTH);
      assertThat(dispatches(expire("a", 0, null)))
          .extracting(Effect.Dispatch::attempt)
          .containsExactly(1);
      Session retried = harness.session();

      assertThat(harness.complete("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.fail("a", 0)).isEqualTo(Decision.unchanged());
      assertThat(harness.session()).isEqualTo(retried);
    }

    @Test
    void anExpiryOfAnEndedAttemptChangesNothing() {
      harness.admit(graph(cpu("a"), cpu("b", "a")));
      harness.claim("a", 0);
      harness.complete("a", 0);
      Session after = harness.session();

      assertThat(expire("a", 0, null)).isEqualTo(Decision.unchanged());
      assertThat(harness.session()).isEqualTo(after);
    }

    @Test
    void aLostReplicaFailsAloneAndTheVerdictJudgesIt() {
      harness.admit(
          ReplicationTest.verified(graph(cpu("a").retries(2, 0)), VerificationMode.RECOMPUTE));
      Decision first =
          harness.apply(new SessionInput.ReplicaClaimed("a", 0, 0, "node-1", harness.now()));
      assertThat(first.effects()).contains(new Effect.LeaseStarted("a", 0, 0));
      harness.apply(new SessionInput.ReplicaClaimed("a", 0, 1, "node-2", harness.now()));
      harness.apply(
          new SessionInput.ReplicaEnded(
              "a", 0, 0, "node-1", "{\"x\":1}", null, 5, Usage.NONE, harness.now()));
      harness.advance(LENGTH);

      Decision lost = expire("a", 0, 1);

      assertThat(lost.effects()).anyMatch(Effect.VerdictReached.class::isInstance);
      assertThat(dispatches(lost)).extracting(Effect.Dispatch::attempt).containsExactly(1);
      assertThat(harness.session().unit("a").errorCode()).isEqualTo(WORKER_LOST);
    }
  }
}
