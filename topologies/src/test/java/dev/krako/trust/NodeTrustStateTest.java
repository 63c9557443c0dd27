package dev.krako.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** One node's fold: health in force, substrate and last event time, by event time. */
class NodeTrustStateTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String NODE = "node-1";

  @Test
  void theFirstEventOpensTheNodesTrust() {
    NodeTrustState state = NodeTrustState.unheardOf(NODE).observe(at(5, new NodeFact.Claimed()));

    assertThat(state.substrate()).isEqualTo(Substrate.CPU);
    assertThat(state.tally().claimed()).isEqualTo(1);
    assertThat(state.health()).isEqualTo(Health.UNKNOWN);
    assertThat(state.healthTime()).isNull();
    assertThat(state.lastEventTime()).isEqualTo(T0.plusMillis(5));
    assertThat(state.score()).hasToString("0.5000");
  }

  @Test
  void theNewestHealthReportInEventTimeIsInForceWhateverTheOrderOfArrival() {
    NodeEvent down = at(100, new NodeFact.HealthReported(Health.DOWN));
    NodeEvent up = at(50, new NodeFact.HealthReported(Health.UP));

    NodeTrustState arrivedInOrder = NodeTrustState.unheardOf(NODE).observe(up).observe(down);
    NodeTrustState arrivedLate = NodeTrustState.unheardOf(NODE).observe(down).observe(up);

    assertThat(arrivedLate).isEqualTo(arrivedInOrder);
    assertThat(arrivedLate.health()).isEqualTo(Health.DOWN);
    assertThat(arrivedLate.healthTime()).isEqualTo(T0.plusMillis(100));
    assertThat(arrivedLate.lastEventTime()).isEqualTo(T0.plusMillis(100));
  }

  @Test
  void twoHealthReportsAtTheSameTimeResolveToTheMoreSevere() {
    NodeEvent degraded = at(7, new NodeFact.HealthReported(Health.DEGRADED));
    NodeEvent up = at(7, new NodeFact.HealthReported(Health.UP));

    assertThat(NodeTrustState.unheardOf(NODE).observe(up).observe(degraded).health())
        .isEqualTo(Health.DEGRADED);
    assertThat(NodeTrustState.unheardOf(NODE).observe(degraded).observe(up).health())
        .isEqualTo(Health.DEGRADED);
  }

  @Test
  void theSubstrateIsTheLatestEventsTiesToTheGreaterSymbol() {
    NodeEvent cpu = new NodeEvent(NODE, Substrate.CPU, T0.plusMillis(9), new NodeFact.Claimed());
    NodeEvent trusted =
        new NodeEvent(NODE, Substrate.CPU_TRUSTED, T0.plusMillis(9), new NodeFact.Claimed());
    NodeEvent older = new NodeEvent(NODE, Substrate.LLM_POD, T0, new NodeFact.Claimed());

    assertThat(NodeTrustState.unheardOf(NODE).observe(trusted).observe(cpu).observe(older))
        .isEqualTo(NodeTrustState.unheardOf(NODE).observe(older).observe(cpu).observe(trusted));
    assertThat(NodeTrustState.unheardOf(NODE).observe(cpu).observe(trusted).substrate())
        .isEqualTo(Substrate.CPU_TRUSTED);
  }

  @Test
  void mergingTwoPartsTakesSumsAndTheLaterTimesTiesAsTheFoldBreaksThem() {
    NodeEvent upLate = at(50, new NodeFact.HealthReported(Health.UP));
    NodeEvent degradedLate = at(50, new NodeFact.HealthReported(Health.DEGRADED));
    NodeEvent trustedLate =
        new NodeEvent(NODE, Substrate.CPU_TRUSTED, T0.plusMillis(60), new NodeFact.Completed());
    NodeEvent cpuLate =
        new NodeEvent(NODE, Substrate.CPU, T0.plusMillis(60), new NodeFact.Claimed());
    NodeTrustState one =
        NodeTrustState.unheardOf(NODE).observe(at(1, new NodeFact.Claimed())).observe(upLate);
    one = one.observe(trustedLate);
    NodeTrustState other = NodeTrustState.unheardOf(NODE).observe(degradedLate).observe(cpuLate);

    NodeTrustState merged = one.merge(other);

    assertThat(merged.tally()).isEqualTo(new Tally(2, 1, 0, 0, 0, 0));
    assertThat(merged.health()).isEqualTo(Health.DEGRADED);
    assertThat(merged.healthTime()).isEqualTo(T0.plusMillis(50));
    assertThat(merged.substrate()).isEqualTo(Substrate.CPU_TRUSTED);
    assertThat(merged.lastEventTime()).isEqualTo(T0.plusMillis(60));
    assertThat(other.merge(one)).isEqualTo(merged);
    assertThat(merged)
        .isEqualTo(
            NodeTrustState.unheardOf(NODE)
                .observe(cpuLate)
                .observe(degradedLate)
                .observe(trustedLate)
                .observe(upLate)
                .observe(at(1, new NodeFact.Claimed())));
  }

  @Test
  void aNodeNothingIsHeardOfMergesAsNothingAndAnotherNodesTrustIsRefused() {
    NodeTrustState heard = NodeTrustState.unheardOf(NODE).observe(at(3, new NodeFact.Claimed()));

    assertThat(heard.merge(NodeTrustState.unheardOf(NODE))).isEqualTo(heard);
    assertThat(NodeTrustState.unheardOf(NODE).merge(heard)).isEqualTo(heard);
    assertThatThrownBy(() -> heard.merge(NodeTrustState.unheardOf("node-2")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest(name = "''{0}'' is {1}")
  @CsvSource({"up, UP", "UP, UP", "' degraded ', DEGRADED", "down, DOWN", "rebooting, UNKNOWN"})
  void aReportedStatusIsReadLeniently(String status, Health health) {
    assertThat(Health.ofStatus(status)).isEqualTo(health);
  }

  @Test
  void anEventOfAnotherNodeOrWithoutANodeIsRefused() {
    NodeTrustState state = NodeTrustState.unheardOf(NODE);

    assertThatThrownBy(
            () -> state.observe(new NodeEvent("node-2", Substrate.CPU, T0, new NodeFact.Claimed())))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeEvent(" ", Substrate.CPU, T0, new NodeFact.Claimed()))
        .isInstanceOf(UnattributableEventException.class);
  }

  private static NodeEvent at(long ms, NodeFact fact) {
    return new NodeEvent(NODE, Substrate.CPU, T0.plusMillis(ms), fact);
  }
}
