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
