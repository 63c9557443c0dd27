package dev.krako.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConformanceReportTest {

  private static final CorpusGraph STRESS =
      new CorpusGraph(Family.STRESS, "s", "r1", "{}", Map.of());
  private static final CorpusGraph SAMPLE =
      new CorpusGraph(Family.SAMPLES, "x", "r2", "{}", Map.of());

  @Test
  void cellsCountPassesFailuresAndLateSessionsPerFamily() {
    ConformanceReport report =
        new ConformanceReport(
            List.of(
                new Verdict(Property.BUDGET, STRESS, List.of(), false, null),
                new Verdict(Property.BUDGET, STRESS, List.of(), false, null),
                new Verdict(Property.BUDGET, SAMPLE, List.of("too many tokens"), true, null),
                new Verdict(Property.OUTCOME, SAMPLE, List.of(), true, "ended after 2000 ms")),
            List.of(),
            2);

    assertThat(report.table())
        .contains("| budget non-increase | FAIL 1/1 (1 past deadline) | – | – | PASS 2 |")
        .contains("| escalation | – | – | – | – | – | – | – |")
        .contains("past their time budget (Krako enforces it, KORA does not): 1")
        .contains("ledger digest): PASS");
    assertThat(report.passed()).isFalse();
    assertThat(report.problems())
        .containsExactly(
            "budget non-increase · x (past its deadline) · too many tokens",
            "note · x · ended after 2000 ms");
  }

  @Test
  void aBillingReplayMismatchFailsTheRun() {
    ConformanceReport report =
        new ConformanceReport(
            List.of(new Verdict(Property.BUDGET, STRESS, List.of(), false, null)),
            List.of("MISMATCH"),
            1);

    assertThat(report.passed()).isFalse();
    assertThat(report.table()).contains("ledger digest): FAIL");
  }
}
