package dev.krako.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The trust gate: group membership, the claim window on probation, health and listeners. */
class TrustGateTest {

  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private final TrustGate gate = new TrustGate("a", "cpu_pool", TrustThresholds.DEFAULTS);
  private final List<String> changes = new ArrayList<>();

  TrustGateTest() {
    gate.addListener(() -> changes.add(gate.standingName()));
  }

  private static NodeOutcomes node(
      String id, String substrate, long completed, long failed, String score, Instant at) {
    return new NodeOutcomes(id, substrate, completed, failed, 0, 0, 0, new BigDecimal(score), at);
  }

  private static Map<String, NodeOutcomes> table(NodeOutcomes... nodes) {
    Map<String, NodeOutcomes> t = new java.util.HashMap<>();
    for (NodeOutcomes n : nodes) {
      t.put(n.nodeId(), n);
    }
    return t;
  }

  @Test
  void aMemberAdmitsEveryClaimAndIsUp() {
    assertThat(gate.staysInGroup()).isTrue();
    assertThat(gate.isOpen()).isTrue();
    assertThat(gate.tryAdmit()).isPresent();
    assertThat(gate.tryAdmit()).isPresent();
    assertThat(gate.status()).isEqualTo(HealthStatus.UP);
  }

  @Test
  void anUntrustedNodeLeavesItsGroupAndRejoinsOnProbationWithAClaimWindowOfOne() {
    NodeOutcomes peer = node("b", "cpu_pool", 9, 1, "0.8333", T0);
    gate.observe(table(node("a", "cpu_pool", 3, 7, "0.3333", T0), peer), T0);

    assertThat(gate.staysInGroup()).isFalse();
    assertThat(gate.tryAdmit()).isEmpty();
    assertThat(gate.status()).isEqualTo(HealthStatus.DEGRADED);
    assertThat(gate.own()).map(NodeOutcomes::evidence).contains(10L);

    Instant later = T0.plus(Duration.ofMinutes(10));
    NodeOutcomes freshPeer = node("b", "cpu_pool", 9, 1, "0.8333", later);
    gate.observe(table(node("a", "cpu_pool", 3, 7, "0.1667", T0), freshPeer), later);

    assertThat(gate.staysInGroup()).isTrue();
    assertThat(gate.status()).isEqualTo(HealthStatus.DEGRADED);
    Optional<ClaimGate.Admission> first = gate.tryAdmit();
    assertThat(first).isPresent();
    assertThat(gate.isOpen()).isFalse();
    assertThat(gate.tryAdmit()).isEmpty();
    first.get().release();
    assertThat(gate.isOpen()).isTrue();
    assertThat(changes).containsExactly("out", "probation");
  }

  @Test
  void peersOfAnotherSubstrateDoNotCount() {
    NodeOutcomes llmPeer = node("b", "llm_pod", 9, 1, "0.8333", T0);
    gate.observe(table(node("a", "cpu_pool", 3, 7, "0.3333", T0), llmPeer), T0);

    assertThat(gate.staysInGroup()).isTrue();
    assertThat(gate.status()).isEqualTo(HealthStatus.UP);
    assertThat(changes).isEmpty();
  }
}
