package dev.krako.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The scoring rule v1 and the examples of docs/trust.md. */
class TrustScoreTest {

  @Test
  void aNodeWithoutOutcomesScoresOneHalf() {
    assertThat(TrustScore.of(Tally.NONE, Health.UNKNOWN)).hasToString("0.5000");
  }

  @ParameterizedTest(name = "{0} completed, {1} failed ({2} disagreements, {3} graph faults), {4}")
  @CsvSource({
    // completed, failed, disagreements, graph faults, health, score
    "0,   0,  0, 0, UP,       0.5000", // (0+1)/(0+0+2)
    "1,   0,  0, 0, UP,       0.6667", // 2/3
    "3,   0,  0, 0, UP,       0.8000", // 4/5
    "0,   1,  0, 0, UP,       0.3333", // 1/3
    "0,   1,  1, 0, UP,       0.2500", // a disagreement weighs 2: 1/4
    "8,   2,  1, 0, UP,       0.6923", // penalty 1 + 2 = 3: 9/13 = 0.692307...
    "8,   2,  1, 0, DEGRADED, 0.3462", // 9/13 x 0.5 = 9/26 = 0.346153...
    "8,   3,  1, 1, DEGRADED, 0.3462", // docs/trust.md: a graph fault more changes nothing
    "8,   2,  1, 0, DOWN,     0.0000",
    "8,   2,  1, 0, UNKNOWN,  0.6923", // no report: no penalty
    "1,   2,  0, 2, UP,       0.6667", // graph faults are not scored: 2/3
    "99,  0,  0, 0, UP,       0.9901", // 100/101
    "0,   14, 0, 0, DEGRADED, 0.0312", // 0.5/16 = 0.03125: HALF_EVEN keeps the even 2
    "2,   28, 0, 0, UP,       0.0938", // 3/32 = 0.09375: HALF_EVEN goes to the even 8
  })
  void scoresAsDocumented(
      long completed,
      long failed,
      long disagreements,
      long graphFaults,
      Health health,
      String expected) {
    Tally tally = new Tally(completed + failed, completed, failed, disagreements, graphFaults, 0);

    assertThat(TrustScore.of(tally, health).toPlainString()).isEqualTo(expected);
  }

  @Test
  void theScoreAlwaysHasScaleFourAndStaysBetweenZeroAndOne() {
    for (long completed = 0; completed < 40; completed++) {
      for (long failed = 0; failed < 40; failed++) {
        for (Health health : Health.values()) {
          BigDecimal score = TrustScore.of(new Tally(0, completed, failed, 0, 0, 0), health);
          assertThat(score.scale()).isEqualTo(TrustScore.SCALE);
          assertThat(score).isBetween(BigDecimal.ZERO, BigDecimal.ONE);
        }
      }
    }
  }

  @Test
  void aCompletionNeverLowersTheScoreAndAFailureNeverRaisesIt() {
    Tally tally = new Tally(12, 7, 5, 2, 1, 0);
    BigDecimal now = TrustScore.of(tally, Health.UP);

    assertThat(TrustScore.of(tally.plus(new NodeFact.Completed()), Health.UP)).isGreaterThan(now);
    assertThat(TrustScore.of(tally.plus(new NodeFact.Failed("LLM_CALL_FAILED")), Health.UP))
        .isLessThan(now);
    assertThat(TrustScore.of(tally.plus(new NodeFact.Failed("SCHEMA_MISMATCH")), Health.UP))
        .isLessThan(TrustScore.of(tally.plus(new NodeFact.Failed("LLM_CALL_FAILED")), Health.UP));
  }

  @Test
  void timeoutsAndClaimsAloneDoNotMoveTheScore() {
    Tally tally = Tally.NONE.plus(new NodeFact.Claimed()).plus(new NodeFact.ModelCallFailed(true));

    assertThat(TrustScore.of(tally, Health.UP)).hasToString("0.5000");
  }
}
