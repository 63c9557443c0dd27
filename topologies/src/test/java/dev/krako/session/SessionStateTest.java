package dev.krako.session;

import static dev.krako.session.SessionHarness.T0;
import static dev.krako.session.UnitSpec.cpu;
import static dev.krako.session.UnitSpec.graph;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Session and UnitRun: immutable values whose transitions keep the counters right. */
final class SessionStateTest {

  private static final Instant T1 = T0.plusSeconds(1);
  private static final Usage USED = new Usage(7, 11, 13, 1);

  @Test
  void aNewSessionRunsWithEveryUnitWaitingInDeclarationOrder() {
    Session session = Session.start("s-1", graph(cpu("z"), cpu("a", "z"), cpu("m")), T0);

    assertThat(session.running()).isTrue();
    assertThat(session.stopReason()).isNull();
    assertThat(session.endedAt()).isNull();
    assertThat(session.units()).containsOnlyKeys("z", "a", "m");
    assertThat(session.units().keySet()).containsExactly("z", "a", "m");
    assertThat(session.units().values()).allMatch(r -> r.equals(UnitRun.waiting()));
  }

  @Test
  void changingAUnitLeavesTheOriginalSessionAlone() {
    Session session = Session.start("s-1", graph(cpu("a")), T0);

    Session next = session.withUnit("a", UnitRun.waiting().dispatched(0, T0));

    assertThat(session.unit("a").status()).isEqualTo(UnitStatus.WAITING);
    assertThat(next.unit("a").status()).isEqualTo(UnitStatus.DISPATCHED);
  }

  @Test
  void theUnitsOfASessionCannotBeChangedFromOutside() {
    Session session = Session.start("s-1", graph(cpu("a")), T0);

    assertThatExceptionOfType(UnsupportedOperationException.class)
        .isThrownBy(() -> session.units().put("b", UnitRun.waiting()));
  }

  @Test
  void aSessionKeepsItsOwnCopyOfTheMapItWasBuiltFrom() {
    Map<String, UnitRun> units = new LinkedHashMap<>();
    units.put("a", UnitRun.waiting());
    Session session =
        new Session("s-1", graph(cpu("a")), SessionStatus.RUNNING, null, T0, null, units);

    units.put("a", UnitRun.waiting().dispatched(0, T0));
    units.put("b", UnitRun.waiting());

    assertThat(session.units()).containsOnlyKeys("a");
    assertThat(session.unit("a").status()).isEqualTo(UnitStatus.WAITING);
  }

  @Test
  void aSessionBuiltFromAnotherSessionsUnitsKeepsTheSameUnmodifiableUnits() {
    Session session = Session.start("s-1", graph(cpu("a"), cpu("b")), T0);
    Session rebuilt =
        new Session(
            "s-1", session.graph(), SessionStatus.RUNNING, null, T0, null, session.units(), 3);

    Session ended = session.ended(SessionStatus.FAILED, StopReason.BUDGET_EXHAUSTED, T1);

    assertThat(rebuilt.units()).isSameAs(session.units());
    assertThat(ended.units()).isSameAs(session.units()).containsOnlyKeys("a", "b");
    assertThat(rebuilt).isEqualTo(session);
  }

  @Test
  void aWaitingUnitHasUsedNothing() {
    UnitRun run = UnitRun.waiting();

    assertThat(run.status()).isEqualTo(UnitStatus.WAITING);
    assertThat(run.attemptIndex()).isZero();
    assertThat(run.attemptsUsed()).isZero();
    assertThat(run.usage()).isEqualTo(Usage.NONE);
  }

  @Test
  void aCompletedAttemptCountsOnceAndKeepsItsOutput() {
    UnitRun run =
        UnitRun.waiting()
            .dispatched(0, T0)
            .claimed("node-1", T0)
            .completed("{}", "node-1", 40, USED, T1);

    assertThat(run.status()).isEqualTo(UnitStatus.COMPLETED);
    assertThat(run.attemptsUsed()).isEqualTo(1);
    assertThat(run.outputJson()).isEqualTo("{}");
    assertThat(run.durationMs()).isEqualTo(40);
    assertThat(run.usage()).isEqualTo(USED);
    assertThat(run.endedAt()).isEqualTo(T1);
  }

  @Test
  void aFailedAttemptWaitingForItsRetryHasNotEnded() {
    UnitRun run =
        UnitRun.waiting()
            .dispatched(0, T0)
            .failed(UnitStatus.RETRY_WAIT, 1, "E", 5, USED, T1, T1.plusSeconds(1));

    assertThat(run.retryAt()).isEqualTo(T1.plusSeconds(1));
    assertThat(run.attemptIndex()).isEqualTo(1);
    assertThat(run.attemptsUsed()).isEqualTo(1);
    assertThat(run.errorCode()).isEqualTo("E");
    assertThat(run.endedAt()).isNull();
  }

  @Test
  void usageAndDurationAddUpOverAttempts() {
    UnitRun run =
        UnitRun.waiting()
            .dispatched(0, T0)
            .failed(UnitStatus.RETRY_WAIT, 1, "E", 5, USED, T0, T0)
            .dispatched(1, T0)
            .failed(UnitStatus.FAILED, 1, "E", 6, USED, T1, null);

    assertThat(run.attemptsUsed()).isEqualTo(2);
    assertThat(run.durationMs()).isEqualTo(11);
    assertThat(run.usage()).isEqualTo(new Usage(14, 22, 26, 2));
    assertThat(run.endedAt()).isEqualTo(T1);
  }

  @Test
  void onlyCompletedFailedSkippedAndCancelledAreTerminal() {
    assertThat(UnitStatus.values())
        .filteredOn(UnitStatus::terminal)
        .containsExactlyInAnyOrder(
            UnitStatus.COMPLETED, UnitStatus.FAILED, UnitStatus.SKIPPED, UnitStatus.CANCELLED);
  }
}
