package dev.krako.topology.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.graph.Criticality;
import dev.krako.graph.Privacy;
import dev.krako.graph.UnitType;
import dev.krako.graph.VerificationMode;
import dev.krako.graph.WorkUnit;
import dev.krako.session.UnitRun;
import dev.krako.session.UnitStatus;
import dev.krako.session.Usage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The telemetry bundle's {@code validation_status} (CONTRACT.md §6). */
class SessionResultsTest {

  @Test
  void aUnitWithoutVerificationIsNotChecked() {
    assertThat(status(VerificationMode.NONE, UnitStatus.COMPLETED, null)).isEqualTo("not_checked");
    assertThat(status(VerificationMode.NONE, UnitStatus.FAILED, "SCHEMA_MISMATCH"))
        .isEqualTo("not_checked");
  }

  @Test
  void aVerifiedUnitThatCompletedPassed() {
    for (VerificationMode mode :
        List.of(VerificationMode.SCHEMA, VerificationMode.QUORUM, VerificationMode.RECOMPUTE)) {
      assertThat(status(mode, UnitStatus.COMPLETED, null)).as("%s", mode).isEqualTo("passed");
    }
  }

  @Test
  void aVerifiedUnitWhoseOutputWasJudgedWrongFailed() {
    assertThat(status(VerificationMode.SCHEMA, UnitStatus.FAILED, "SCHEMA_MISMATCH"))
        .isEqualTo("failed");
    assertThat(status(VerificationMode.QUORUM, UnitStatus.FAILED, "QUORUM_NOT_REACHED"))
        .isEqualTo("failed");
    assertThat(status(VerificationMode.RECOMPUTE, UnitStatus.FAILED, "RECOMPUTE_MISMATCH"))
        .isEqualTo("failed");
  }

  @Test
  void aVerifiedUnitThatNeverProducedAnOutputWasNotChecked() {
    assertThat(status(VerificationMode.SCHEMA, UnitStatus.FAILED, "RUN_TIMEOUT"))
        .isEqualTo("not_checked");
    assertThat(status(VerificationMode.SCHEMA, UnitStatus.SKIPPED, null)).isEqualTo("not_checked");
    assertThat(status(VerificationMode.QUORUM, UnitStatus.CANCELLED, null))
        .isEqualTo("not_checked");
  }

  private static String status(VerificationMode mode, UnitStatus status, String errorCode) {
    WorkUnit unit =
        new WorkUnit(
            "u",
            UnitType.DETERMINISTIC,
            List.of(),
            "{}",
            "{\"handler\":\"echo\"}",
            Privacy.ALLOW_REMOTE,
            false,
            null,
            1,
            0,
            null,
            false,
            "{}",
            null,
            Criticality.NORMAL,
            mode,
            null,
            null);
    UnitRun run =
        new UnitRun(status, 0, 1, null, errorCode, null, null, 0, Usage.NONE, null, 0, null);
    return SessionResults.validationStatus(unit, run);
  }
}
