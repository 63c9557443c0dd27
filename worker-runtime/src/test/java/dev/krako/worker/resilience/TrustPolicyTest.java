package dev.krako.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.worker.resilience.TrustPolicy.Decision;
import dev.krako.worker.resilience.TrustStanding.Member;
import dev.krako.worker.resilience.TrustStanding.Out;
import dev.krako.worker.resilience.TrustStanding.Probation;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trust placement policy: thresholds, evidence, the last-node rule, cool-down, hysteresis. */
class TrustPolicyTest {

  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
  private static final TrustPolicy POLICY = new TrustPolicy(TrustThresholds.DEFAULTS);
  private static final TrustStanding MEMBER = new Member();

  /** A node of the CPU pool with these outcomes, its record fresh, published score as given. */
  private static NodeOutcomes node(String id, long completed, long failed, String score) {
    return new NodeOutcomes(id, "cpu_pool", completed, failed, 0, 0, 0, new BigDecimal(score), NOW);
  }

  private static final NodeOutcomes GOOD_PEER = node("b", 9, 1, "0.8333");
  // 3 completed, 7 failed: 4 ÷ 12 = 0.3333 on evidence 10.
  private static final NodeOutcomes WEAK = node("a", 3, 7, "0.3333");

  private static Decision decide(TrustStanding s, NodeOutcomes own, NodeOutcomes... peers) {
    return POLICY.decide(s, Optional.ofNullable(own), List.of(peers), NOW);
  }

  @Test
  void aWeakNodeWithEnoughEvidenceLeavesWhenAPeerCanTakeTheWork() {
    assertThat(decide(MEMBER, WEAK, GOOD_PEER)).isEqualTo(new Decision(new Out(NOW), false));
  }

  @Test
  void aNodeAtTheThresholdStays() {
    // 4 completed, 4 failed: 5 ÷ 10 = 0.5000, not below.
    assertThat(decide(MEMBER, node("a", 4, 4, "0.5000"), GOOD_PEER).standing()).isEqualTo(MEMBER);
  }

  @Test
  void tooLittleEvidenceIsNoReasonToLeave() {
    // 0 completed, 9 failed: 1 ÷ 11 = 0.0909, but evidence 9 < 10.
    assertThat(decide(MEMBER, node("a", 0, 9, "0.0909"), GOOD_PEER))
        .isEqualTo(new Decision(MEMBER, false));
    assertThat(decide(MEMBER, node("a", 0, 10, "0.0833"), GOOD_PEER).standing())
        .isInstanceOf(Out.class);
  }

  @Test
  void graphFaultsAreNoEvidenceAndWrongOutputsWeighTwice() {
    NodeOutcomes graphFaults =
        new NodeOutcomes("a", "cpu_pool", 0, 12, 12, 0, 0, new BigDecimal("0.5000"), NOW);
    assertThat(graphFaults.evidence()).isZero();
    assertThat(graphFaults.outcomeScore()).isEqualByComparingTo("0.5");
    // 8 completed, 1 disagreeing: successes 7, penalty 2 → 8 ÷ 11, evidence 10.
    NodeOutcomes disagreeing =
        new NodeOutcomes("a", "cpu_pool", 8, 0, 0, 0, 1, new BigDecimal("0.7273"), NOW);
    assertThat(disagreeing.evidence()).isEqualTo(10);
    assertThat(disagreeing.outcomeScore()).isEqualByComparingTo("0.7273");
  }

  @Test
  void theNodeJudgesItselfByItsOutcomesNotByTheHealthInItsPublishedScore() {
    // Degraded, 8 completed 2 failed: published 9 × 0.5 ÷ 12 = 0.375, outcomes 0.75.
    NodeOutcomes degraded = node("a", 8, 2, "0.3750");
    assertThat(decide(MEMBER, degraded, GOOD_PEER).standing()).isEqualTo(MEMBER);
  }

  @Test
  void theLastNodeOfItsSubstrateAtTheThresholdStaysAndSaysSo() {
    assertThat(decide(MEMBER, WEAK)).isEqualTo(new Decision(MEMBER, true));
    NodeOutcomes weakPeer = node("b", 3, 7, "0.3333");
    NodeOutcomes downPeer = node("b", 9, 1, "0.0000"); // down: its published score is 0
    assertThat(decide(MEMBER, WEAK, weakPeer, downPeer)).isEqualTo(new Decision(MEMBER, true));
  }

  @Test
  void aPeerWhoseRecordHasNotMovedForTooLongDoesNotCount() {
    NodeOutcomes silent =
        new NodeOutcomes(
            "b", "cpu_pool", 9, 1, 0, 0, 0, new BigDecimal("0.8333"), NOW.minusSeconds(121));
    NodeOutcomes recent =
        new NodeOutcomes(
            "b", "cpu_pool", 9, 1, 0, 0, 0, new BigDecimal("0.8333"), NOW.minusSeconds(120));
    assertThat(decide(MEMBER, WEAK, silent)).isEqualTo(new Decision(MEMBER, true));
    assertThat(decide(MEMBER, WEAK, recent).standing()).isInstanceOf(Out.class);
  }

  @Test
  void anUnknownNodeStays() {
    assertThat(decide(MEMBER, null, GOOD_PEER)).isEqualTo(new Decision(MEMBER, false));
  }

  @Test
  void anOutNodeWaitsForItsCoolDownThenRejoinsOnProbation() {
    Out out = new Out(NOW.minus(Duration.ofMinutes(10)).plusMillis(1));
    assertThat(decide(out, WEAK, GOOD_PEER).standing()).isEqualTo(out);

    Out due = new Out(NOW.minus(Duration.ofMinutes(10)));
    assertThat(decide(due, WEAK, GOOD_PEER)).isEqualTo(new Decision(new Probation(7), false));
  }

  @Test
  void anOutNodeRejoinsAtOnceWhenNoPeerIsLeft() {
    Out out = new Out(NOW);
    assertThat(decide(out, WEAK)).isEqualTo(new Decision(MEMBER, true));
  }

  @Test
  void onProbationSuccessesBelowTheResumeThresholdKeepTheNodeOnProbation() {
    Probation probation = new Probation(7);
    // 12 completed, 7 failed: 13 ÷ 21 = 0.6190 > 0.6 → member; 10 completed: 11 ÷ 19 = 0.5789.
    assertThat(decide(probation, node("a", 10, 7, "0.2895"), GOOD_PEER).standing())
        .isEqualTo(probation);
    assertThat(decide(probation, node("a", 11, 7, "0.3000"), GOOD_PEER).standing())
        .isEqualTo(probation);
    assertThat(decide(probation, node("a", 12, 7, "0.3095"), GOOD_PEER).standing())
        .isEqualTo(MEMBER);
  }

  @Test
  void betweenTheThresholdsTheStandingHolds() {
    // 0.5789 keeps a member a member and a node on probation on probation: the gap is the point.
    NodeOutcomes between = node("a", 10, 7, "0.5789");
    assertThat(decide(MEMBER, between, GOOD_PEER).standing()).isEqualTo(MEMBER);
    assertThat(decide(new Probation(6), between, GOOD_PEER).standing()).isEqualTo(new Probation(6));
  }

  @Test
  void aFailureOnProbationBelowTheThresholdSendsTheNodeOutAgain() {
    Probation probation = new Probation(7);
    assertThat(decide(probation, WEAK, GOOD_PEER).standing()).isEqualTo(probation);
    assertThat(decide(probation, node("a", 3, 8, "0.3077"), GOOD_PEER))
        .isEqualTo(new Decision(new Out(NOW), false));
    assertThat(decide(probation, node("a", 3, 8, "0.3077")))
        .isEqualTo(new Decision(probation, true));
  }

  @Test
  void thresholdsAreValidated() {
    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(
            () ->
                new TrustThresholds(
                    new BigDecimal("0.6"),
                    new BigDecimal("0.5"),
                    10,
                    Duration.ZERO,
                    Duration.ZERO));
  }
}
