package dev.krako.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How each fact counts, and how failures are told apart by their error code. */
class TrustTallyTest {

  @ParameterizedTest(name = "{0} is a {1} of weight {2}")
  @CsvSource({
    "SCHEMA_MISMATCH,           VERIFICATION_DISAGREEMENT, 2",
    "RUN_TIMEOUT,               TIMEOUT,                   1",
    "DISPATCH_TIMEOUT,          TIMEOUT,                   1",
    "LLM_RUN_INVALID,           GRAPH_FAULT,               0",
    "OUTPUT_SCHEMA_UNUSABLE,    GRAPH_FAULT,               0",
    "TOKEN_GRANT_EXCEEDED,      GRAPH_FAULT,               0",
    "LLM_POD_UNAVAILABLE,       NODE_FAILURE,              1",
    "RETRIEVAL_EXEC_FAILED,     NODE_FAILURE,              1",
    "LLM_CALL_FAILED,           NODE_FAILURE,              1",
    "DETERMINISTIC_EXEC_FAILED, NODE_FAILURE,              1",
    "NO_EXECUTOR,               NODE_FAILURE,              1",
    "A_CODE_FROM_THE_FUTURE,    NODE_FAILURE,              1",
    "schema_mismatch,           NODE_FAILURE,              1",
  })
  void aFailureIsClassifiedByItsErrorCode(String code, FailureKind kind, int weight) {
    assertThat(FailureKind.of(code)).isEqualTo(kind);
    assertThat(kind.weight()).isEqualTo(weight);
  }

  @Test
  void eachFactCountsWhereItBelongs() {
    Tally tally =
        Tally.NONE
            .plus(new NodeFact.Claimed())
            .plus(new NodeFact.Claimed())
            .plus(new NodeFact.Completed())
            .plus(new NodeFact.Failed("SCHEMA_MISMATCH"))
            .plus(new NodeFact.Failed("LLM_RUN_INVALID"))
            .plus(new NodeFact.Failed("RUN_TIMEOUT"))
            .plus(new NodeFact.Failed("LLM_CALL_FAILED"))
            .plus(new NodeFact.ModelCallFailed(true))
            .plus(new NodeFact.ModelCallFailed(false))
            .plus(new NodeFact.HealthReported(Health.DOWN));

    assertThat(tally).isEqualTo(new Tally(2, 1, 4, 1, 1, 2));
    // 4 failures − 1 graph fault + 1 disagreement counted twice.
    assertThat(tally.penalty()).isEqualTo(4);
  }

  @Test
  void twoTalliesAddCounterByCounter() {
    Tally one = new Tally(1, 2, 3, 1, 1, 1, 4, 5);
    Tally other = new Tally(10, 20, 30, 10, 10, 10, 40, 50);

    assertThat(one.plus(other)).isEqualTo(new Tally(11, 22, 33, 11, 11, 11, 44, 55));
    assertThat(one.plus(Tally.NONE)).isEqualTo(one);
  }

  @Test
  void subsetsOfTheFailuresCannotOutnumberThem() {
    assertThatThrownBy(() -> new Tally(0, 0, 1, 1, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Tally(0, -1, 0, 0, 0, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
