package dev.krako.session;

import static dev.krako.session.UnitSpec.cpu;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.TaskGraph;
import dev.krako.graph.VerificationMode;
import dev.krako.graph.WorkUnit;
import dev.krako.session.Quorum.Vote;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The decider's handling of quorum and recompute attempts: replicas, exclusions, verdicts. */
class ReplicationTest {

  private static final Usage CPU = new Usage(7, 0, 0, 0);

  private final SessionHarness h = new SessionHarness();

  /** The graph with every unit verified by this mode. */
  static TaskGraph verified(TaskGraph g, VerificationMode mode) {
    List<WorkUnit> units =
        g.workUnits().stream()
            .map(
                u ->
                    new WorkUnit(
                        u.id(),
                        u.type(),
                        u.dependencies(),
                        u.inputJson(),
                        u.runJson(),
                        u.privacy(),
                        u.trustedNodeRequired(),
                        u.budgetTokens(),
                        u.maxAttempts(),
                        u.backoffMs(),
                        u.runTimeoutMs(),
                        u.idempotent(),
                        u.outputSchemaJson(),
                        u.dispatchTimeoutMs(),
                        u.criticality(),
                        mode,
                        u.activation(),
                        u.skipIf()))
            .toList();
    return new TaskGraph(
        g.schemaVersion(),
        g.graphId(),
        g.requestId(),
        g.tenantId(),
        g.createdAt(),
        g.budgets(),
        g.failurePolicy(),
        units,
        g.finalOutputs(),
        g.sourceFormat());
  }

  private Decision claim(int attempt, int replica, String node) {
    return h.apply(new SessionInput.ReplicaClaimed("a", attempt, replica, node, h.now()));
  }

  private Decision done(int attempt, int replica, String node, String output) {
    return h.apply(
        new SessionInput.ReplicaEnded("a", attempt, replica, node, output, null, 10, CPU, h.now()));
  }

  private Decision failed(int attempt, int replica, String node, String error) {
    return h.apply(
        new SessionInput.ReplicaEnded("a", attempt, replica, node, null, error, 10, CPU, h.now()));
  }

  private static Effect.VerdictReached verdict(Decision d) {
    return d.effects().stream()
        .filter(Effect.VerdictReached.class::isInstance)
        .map(Effect.VerdictReached.class::cast)
        .findFirst()
        .orElseThrow();
  }

  @Test
  void eachReplicaIsDispatchedOnceThePreviousIsClaimedAndExcludesItsNode() {
    Effect.Dispatch first =
        SessionHarness.dispatches(
                h.admit(verified(UnitSpec.graph(cpu("a")), VerificationMode.QUORUM)))
            .get(0);
    assertThat(first.replicaIndex()).isZero();
    assertThat(first.replicaCount()).isEqualTo(3);
    assertThat(first.excludeNodes()).isEmpty();

    List<Effect.Dispatch> second = SessionHarness.dispatches(claim(0, 0, "n1"));
    assertThat(second).hasSize(1);
    assertThat(second.get(0).replicaIndex()).isEqualTo(1);
    assertThat(second.get(0).attempt()).isZero();
    assertThat(second.get(0).excludeNodes()).containsExactly("n1");
    assertThat(h.session().unit("a").status()).isEqualTo(UnitStatus.RUNNING);

    List<Effect.Dispatch> third = SessionHarness.dispatches(claim(0, 1, "n2"));
    assertThat(third.get(0).replicaIndex()).isEqualTo(2);
    assertThat(third.get(0).excludeNodes()).containsExactly("n1", "n2");

    assertThat(SessionHarness.dispatches(claim(0, 2, "n3"))).isEmpty();
    assertThat(claim(0, 2, "n3").next()).as("a duplicate claim").isEmpty();
  }

  @Test
  void theMajorityOutputCompletesTheUnitAndTheVerdictNamesTheOddNode() {
    h.admit(verified(UnitSpec.graph(cpu("a")), VerificationMode.QUORUM));
    claim(0, 0, "n1");
    claim(0, 1, "n2");
    claim(0, 2, "n3");
    assertThat(done(0, 0, "n1", "{\"v\":\"odd\"}").effects()).isEmpty();
    done(0, 1, "n2", "{\"v\":1}");
    Decision last = done(0, 2, "n3", "{\"v\":1}");

    Effect.VerdictReached v = verdict(last);
    assertThat(v.verdict()).isInstanceOf(Quorum.Agreed.class);
    assertThat(v.verdict().votes())
        .containsExactly(
            new Quorum.ReplicaVote(0, "n1", Vote.DISAGREED),
            new Quorum.ReplicaVote(1, "n2", Vote.AGREED),
            new Quorum.ReplicaVote(2, "n3", Vote.AGREED));
    assertThat(v.usage()).isEqualTo(new Usage(21, 0, 0, 0));
    UnitRun unit = h.session().unit("a");
    assertThat(unit.status()).isEqualTo(UnitStatus.COMPLETED);
    assertThat(unit.outputJson()).isEqualTo("{\"v\":1}");
    assertThat(unit.nodeId()).isEqualTo("n2");
    assertThat(unit.attemptsUsed()).isEqualTo(1);
    assertThat(unit.replicas()).isEmpty();
    assertThat(h.session().status()).isEqualTo(SessionStatus.COMPLETED);
    assertThat(done(0, 2, "n3", "{\"v\":1}").next()).as("a late duplicate").isEmpty();
  }

  @Test
  void aRecomputeThatDisagreesIsAFailureRetriedLikeAnyOther() {
    h.admit(verified(UnitSpec.graph(cpu("a").retries(2, 0)), VerificationMode.RECOMPUTE));
    claim(0, 0, "n1");
    claim(0, 1, "n2");
    done(0, 0, "n1", "1");
    Decision mismatch = done(0, 1, "n2", "2");

    assertThat(((Quorum.Failed) verdict(mismatch).verdict()).errorCode())
        .isEqualTo(Quorum.RECOMPUTE_MISMATCH);
    List<Effect.Dispatch> retry = SessionHarness.dispatches(mismatch);
    assertThat(retry).hasSize(1);
    assertThat(retry.get(0).attempt()).isEqualTo(1);
    assertThat(retry.get(0).replicaIndex()).isZero();
    assertThat(retry.get(0).replicaCount()).isEqualTo(2);

    claim(1, 0, "n2");
    claim(1, 1, "n1");
    done(1, 0, "n2", "2");
    Decision second = done(1, 1, "n1", "2");
    assertThat(verdict(second).verdict()).isInstanceOf(Quorum.Agreed.class);
    assertThat(h.session().status()).isEqualTo(SessionStatus.COMPLETED);
  }

  @Test
  void aRecomputeMismatchOnTheLastAttemptFailsTheSession() {
    h.admit(verified(UnitSpec.graph(cpu("a")), VerificationMode.RECOMPUTE));
    claim(0, 0, "n1");
    claim(0, 1, "n2");
    done(0, 0, "n1", "1");
    done(0, 1, "n2", "2");

    assertThat(h.session().unit("a").errorCode()).isEqualTo(Quorum.RECOMPUTE_MISMATCH);
    assertThat(h.session().status()).isEqualTo(SessionStatus.FAILED);
    assertThat(h.session().stopReason()).isEqualTo(StopReason.RETRY_EXHAUSTED);
  }

  @Test
  void aReplicaWithoutADistinctNodeEndsTheAttemptAtOnce() {
    h.admit(verified(UnitSpec.graph(cpu("a")), VerificationMode.QUORUM));
    claim(0, 0, "n1");
    Decision shortOfNodes = failed(0, 1, null, Quorum.NO_DISTINCT_NODE);

    assertThat(((Quorum.Failed) verdict(shortOfNodes).verdict()).errorCode())
        .isEqualTo(Quorum.NO_DISTINCT_NODE);
    assertThat(SessionHarness.dispatches(shortOfNodes)).isEmpty();
    assertThat(h.session().unit("a").errorCode()).isEqualTo(Quorum.NO_DISTINCT_NODE);
    assertThat(done(0, 0, "n1", "1").next()).as("the first replica, too late").isEmpty();
  }

  @Test
  void aReplicaWithoutADistinctNodeCannotEndAReplicaANodeHasClaimed() {
    h.admit(verified(UnitSpec.graph(cpu("a")), VerificationMode.QUORUM));
    claim(0, 0, "n1");
    claim(0, 1, "n2");

    assertThat(failed(0, 1, null, Quorum.NO_DISTINCT_NODE))
        .as("a hand-on's failure of an aborted dispatch, the replica being claimed since")
        .isEqualTo(Decision.unchanged());
    assertThat(h.session().unit("a").replicas().get(1).status())
        .isEqualTo(ReplicaRun.Status.CLAIMED);
  }

  /**
   * Runs of a dispatch whose orchestrator transaction aborted (ADR 025): they carry the exclusions
   * of a state that no longer exists, so their node may already hold another replica.
   */
  @Test
  void aClaimByANodeThatHoldsAnotherReplicaOfTheAttemptIsIgnoredAndDispatchesNothing() {
    h.admit(verified(UnitSpec.graph(cpu("a")), VerificationMode.QUORUM));
    claim(0, 0, "n1");
    Session before = h.session();

    assertThat(claim(0, 1, "n1")).isEqualTo(Decision.unchanged());
    assertThat(h.session()).isEqualTo(before);

    done(0, 0, "n1", "1");
    assertThat(claim(0, 1, "n1")).as("its replica has ended on it").isEqualTo(Decision.unchanged());

    List<Effect.Dispatch> third = SessionHarness.dispatches(claim(0, 1, "n2"));
    assertThat(third).extracting(Effect.Dispatch::replicaIndex).containsExactly(2);
    assertThat(third.get(0).excludeNodes()).containsExactly("n1", "n2");
  }

  @Test
  void anOutcomeFromAnotherNodeThanTheClaimantIsIgnoredAndTheClaimantsCounts() {
    h.admit(verified(UnitSpec.graph(cpu("a")), VerificationMode.RECOMPUTE));
    claim(0, 0, "n1");
    claim(0, 1, "n2");
    Session before = h.session();

    assertThat(done(0, 1, "n1", "1")).isEqualTo(Decision.unchanged());
    assertThat(failed(0, 1, "n3", "BOOM")).isEqualTo(Decision.unchanged());
    assertThat(h.session()).isEqualTo(before);

    done(0, 0, "n1", "1");
    Decision last = done(0, 1, "n2", "1");
    assertThat(verdict(last).verdict().votes())
        .containsExactly(
            new Quorum.ReplicaVote(0, "n1", Vote.AGREED),
            new Quorum.ReplicaVote(1, "n2", Vote.AGREED));
    assertThat(h.session().status()).isEqualTo(SessionStatus.COMPLETED);
  }

  @Test
  void anOutcomeNamingANodeForAReplicaNoNodeHasClaimedIsIgnored() {
    h.admit(verified(UnitSpec.graph(cpu("a")), VerificationMode.QUORUM));
    claim(0, 0, "n1");
    claim(0, 1, "n1"); // ignored: n1 holds replica 0
    Session before = h.session();

    assertThat(done(0, 1, "n1", "1")).as("the ignored claim's run").isEqualTo(Decision.unchanged());
    assertThat(done(0, 1, "n2", "1")).as("a run never claimed").isEqualTo(Decision.unchanged());
    assertThat(failed(0, 1, "n2", "BOOM")).isEqualTo(Decision.unchanged());
    assertThat(h.session()).isEqualTo(before);
    assertThat(h.session().unit("a").replicas().get(1).status())
        .isEqualTo(ReplicaRun.Status.DISPATCHED);

    assertThat(SessionHarness.dispatches(claim(0, 1, "n2")))
        .extracting(Effect.Dispatch::replicaIndex)
        .containsExactly(2);
  }

  @Test
  void everyReplicaTakesACpuUnitSoAQuorumThatDoesNotFitEndsTheSession() {
    h.admit(verified(UnitSpec.graph(UnitSpec.budgets(0, 2, 0), cpu("a")), VerificationMode.QUORUM));

    assertThat(h.session().status()).isEqualTo(SessionStatus.FAILED);
    assertThat(h.session().stopReason()).isEqualTo(StopReason.BUDGET_EXHAUSTED);
  }

  @Test
  void aModelQuorumReservesOneGrantPerReplicaAndSettlesOnTheirUsage() {
    h.admit(
        verified(
            UnitSpec.graph(UnitSpec.budgets(3, 0, 900), UnitSpec.llm("a").tokens(200)),
            VerificationMode.QUORUM));
    assertThat(h.session().unit("a").reservedTokens()).isEqualTo(600);

    Usage tokens = new Usage(0, 50, 30, 1);
    h.apply(new SessionInput.ReplicaClaimed("a", 0, 0, "p1", h.now()));
    h.apply(new SessionInput.ReplicaClaimed("a", 0, 1, "p2", h.now()));
    h.apply(new SessionInput.ReplicaClaimed("a", 0, 2, "p3", h.now()));
    for (int r = 0; r < 3; r++) {
      h.apply(
          new SessionInput.ReplicaEnded("a", 0, r, "p" + (r + 1), "{}", null, 10, tokens, h.now()));
    }

    assertThat(h.session().unit("a").reservedTokens()).isZero();
    assertThat(h.session().unit("a").usage()).isEqualTo(new Usage(0, 150, 90, 3));
  }

  @Test
  void aQuorumSizeFromTheConfigurationIsKeptBySession() {
    h.apply(
        new SessionInput.Admit(
            "s-1", verified(UnitSpec.graph(cpu("a")), VerificationMode.QUORUM), h.now(), 5));

    assertThat(SessionHarness.dispatches(claim(0, 0, "n1")).get(0).replicaCount()).isEqualTo(5);
  }
}
