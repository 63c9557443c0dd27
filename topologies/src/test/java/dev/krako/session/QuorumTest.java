package dev.krako.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.VerificationMode;
import dev.krako.session.Quorum.Vote;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuorumTest {

  private static ReplicaRun done(int index, String node, String output) {
    return ReplicaRun.dispatched(index).claimed(node).completed(output, 5, Usage.NONE);
  }

  /** A replica failed on the node, or (node null) before any node claimed it. */
  private static ReplicaRun failed(int index, String node, String error) {
    ReplicaRun replica = ReplicaRun.dispatched(index);
    return (node == null ? replica : replica.claimed(node)).failed(error, 5, Usage.NONE);
  }

  private static List<Vote> votes(Quorum.Verdict verdict) {
    return verdict.votes().stream().map(Quorum.ReplicaVote::vote).toList();
  }

  @Test
  void theMajorityOutputWinsAndTheOddReplicaDisagrees() {
    Quorum.Verdict verdict =
        Quorum.judge(
            VerificationMode.QUORUM,
            3,
            List.of(
                done(0, "a", "{\"x\":1}"), done(1, "b", "{\"x\":2}"), done(2, "c", "{\"x\":2}")));

    assertThat(verdict).isInstanceOf(Quorum.Agreed.class);
    Quorum.Agreed agreed = (Quorum.Agreed) verdict;
    assertThat(agreed.outputJson()).isEqualTo("{\"x\":2}");
    assertThat(agreed.nodeId()).isEqualTo("b");
    assertThat(votes(verdict)).containsExactly(Vote.DISAGREED, Vote.AGREED, Vote.AGREED);
    assertThat(verdict.votes().get(0).nodeId()).isEqualTo("a");
  }

  @Test
  void outputsAreComparedAsJsonValuesNotAsText() {
    Quorum.Verdict verdict =
        Quorum.judge(
            VerificationMode.RECOMPUTE,
            2,
            List.of(
                done(0, "a", "{\"x\":1,\"y\":[true]}"),
                done(1, "b", "{ \"y\": [true], \"x\": 1 }")));

    assertThat(verdict).isInstanceOf(Quorum.Agreed.class);
    assertThat(votes(verdict)).containsExactly(Vote.AGREED, Vote.AGREED);
  }

  @Test
  void threeDifferentOutputsHaveNoMajority() {
    Quorum.Verdict verdict =
        Quorum.judge(
            VerificationMode.QUORUM,
            3,
            List.of(done(0, "a", "1"), done(1, "b", "2"), done(2, "c", "3")));

    assertThat(verdict)
        .isEqualTo(
            new Quorum.Failed(
                Quorum.QUORUM_NOT_REACHED,
                List.of(
                    new Quorum.ReplicaVote(0, "a", Vote.UNRESOLVED),
                    new Quorum.ReplicaVote(1, "b", Vote.UNRESOLVED),
                    new Quorum.ReplicaVote(2, "c", Vote.UNRESOLVED))));
  }

  @Test
  void aTieIsNoMajority() {
    Quorum.Verdict verdict =
        Quorum.judge(
            VerificationMode.QUORUM,
            4,
            List.of(done(0, "a", "1"), done(1, "b", "1"), done(2, "c", "2"), done(3, "d", "2")));

    assertThat(verdict).isInstanceOf(Quorum.Failed.class);
    assertThat(((Quorum.Failed) verdict).errorCode()).isEqualTo(Quorum.QUORUM_NOT_REACHED);
  }

  @Test
  void aRecomputeThatDisagreesFailsWithNobodyBlamed() {
    Quorum.Verdict verdict =
        Quorum.judge(VerificationMode.RECOMPUTE, 2, List.of(done(0, "a", "1"), done(1, "b", "2")));

    assertThat(((Quorum.Failed) verdict).errorCode()).isEqualTo(Quorum.RECOMPUTE_MISMATCH);
    assertThat(votes(verdict)).containsExactly(Vote.UNRESOLVED, Vote.UNRESOLVED);
  }

  @Test
  void aMajorityOfAllReplicasIsNeededNotOfThoseThatCompleted() {
    Quorum.Verdict oneOfThree =
        Quorum.judge(
            VerificationMode.QUORUM,
            3,
            List.of(done(0, "a", "1"), failed(1, "b", "BOOM"), failed(2, "c", "CRASH")));
    Quorum.Verdict twoOfThree =
        Quorum.judge(
            VerificationMode.QUORUM,
            3,
            List.of(done(0, "a", "1"), failed(1, "b", "BOOM"), done(2, "c", "1")));

    assertThat(((Quorum.Failed) oneOfThree).errorCode()).isEqualTo("BOOM");
    assertThat(votes(oneOfThree)).containsExactly(Vote.UNRESOLVED, Vote.FAILED, Vote.FAILED);
    assertThat(twoOfThree).isInstanceOf(Quorum.Agreed.class);
    assertThat(votes(twoOfThree)).containsExactly(Vote.AGREED, Vote.FAILED, Vote.AGREED);
  }

  @Test
  void aReplicaWithoutADistinctNodeNamesTheFailureUnlessTheOthersAlreadyAgree() {
    ReplicaRun running = ReplicaRun.dispatched(1).claimed("b");
    Quorum.Verdict short1 =
        Quorum.judge(
            VerificationMode.QUORUM,
            3,
            List.of(done(0, "a", "1"), running, failed(2, null, Quorum.NO_DISTINCT_NODE)));
    Quorum.Verdict agreed =
        Quorum.judge(
            VerificationMode.QUORUM,
            3,
            List.of(
                done(0, "a", "1"), done(1, "b", "1"), failed(2, null, Quorum.NO_DISTINCT_NODE)));

    assertThat(((Quorum.Failed) short1).errorCode()).isEqualTo(Quorum.NO_DISTINCT_NODE);
    assertThat(votes(short1)).containsExactly(Vote.UNRESOLVED, Vote.UNRESOLVED, Vote.FAILED);
    assertThat(agreed).isInstanceOf(Quorum.Agreed.class);
  }
}
