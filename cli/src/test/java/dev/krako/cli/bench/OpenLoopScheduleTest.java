package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  private static final long START = 1_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  @Test
  void sessionsFallDueAtTheRateFromTheStartWhateverCameBefore() {
    OpenLoopSchedule s = new OpenLoopSchedule(START, 10, 2 * SECOND);

    assertThat(s.totalSessions()).isEqualTo(20);
    assertThat(s.dueBy(START - 1)).isZero();
    assertThat(s.dueBy(START)).isEqualTo(1);
    assertThat(s.dueBy(START + SECOND / 10 - 1)).isEqualTo(1);
    assertThat(s.dueBy(START + SECOND / 10)).isEqualTo(2);
    assertThat(s.dueBy(START + SECOND)).isEqualTo(11);
  }

  @Test
  void aLateTickSeesEverySessionItMissedAndNeverMoreThanTheStepHolds() {
    OpenLoopSchedule s = new OpenLoopSchedule(START, 10, 2 * SECOND);

    assertThat(s.dueBy(START + 15 * SECOND / 10)).isEqualTo(16);
    assertThat(s.dueBy(START + 60 * SECOND)).isEqualTo(20);
    assertThat(s.endNanos()).isEqualTo(START + 2 * SECOND);
  }

  @Test
  void eachSessionHasItsOwnDueTimeConsistentWithDueBy() {
    OpenLoopSchedule s = new OpenLoopSchedule(START, 3, 5 * SECOND);

    for (long k = 0; k < s.totalSessions(); k++) {
      long due = s.dueNanos(k);
      assertThat(s.dueBy(due)).as("session %d at its due time", k).isGreaterThanOrEqualTo(k + 1);
      assertThat(s.dueBy(due - 2)).as("session %d just before", k).isLessThanOrEqualTo(k);
    }
    assertThat(s.dueNanos(3)).isEqualTo(START + SECOND);
  }

  @Test
  void aFractionalRateStillPublishesAtLeastOneSession() {
    assertThat(new OpenLoopSchedule(START, 0.25, SECOND).totalSessions()).isEqualTo(1);
    assertThat(new OpenLoopSchedule(START, 2.5, 2 * SECOND).totalSessions()).isEqualTo(5);
  }

  @Test
  void rejectsANonPositiveRateOrDuration() {
    assertThatThrownBy(() -> new OpenLoopSchedule(START, 0, SECOND))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OpenLoopSchedule(START, Double.NaN, SECOND))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OpenLoopSchedule(START, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
