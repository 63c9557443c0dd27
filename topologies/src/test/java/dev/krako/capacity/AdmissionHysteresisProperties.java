package dev.krako.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The backlog rule does not flap: for any sequence of backlog readings (a second apart), a
 * relaxation never follows the previous change sooner than the dwell, a mode is never left for a
 * looser one while the backlog is above that mode's leave level, and every change is justified by
 * the reading that caused it.
 */
class AdmissionHysteresisProperties {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final AdmissionThresholds LEVELS = AdmissionThresholds.defaults();

  @Property(tries = 300)
  void noFlapping(@ForAll("readings") List<Pressure> readings) {
    AdmissionController controller = new AdmissionController(LEVELS);
    AdmissionState state = AdmissionState.initial();
    List<Transition> changes = new ArrayList<>();
    for (int i = 0; i < readings.size(); i++) {
      Pressure pressure = readings.get(i);
      Instant now = T0.plusSeconds(i);
      var transition = controller.onBacklog(state, pressure, now);
      if (transition.isPresent()) {
        Transition t = transition.get();
        assertThat(t.modeChanged()).isTrue();
        assertJustified(t, pressure, now);
        changes.add(t);
        state = t.after();
      }
    }
    assertThat(state.changes()).isEqualTo(changes.size());
  }

  private static void assertJustified(Transition t, Pressure pressure, Instant now) {
    AdmissionMode before = t.before().mode();
    AdmissionMode after = t.after().mode();
    if (after.tighterThan(before)) {
      Threshold enter =
          after == AdmissionMode.REJECTING ? LEVELS.enterRejecting() : LEVELS.enterThrottled();
      assertThat(enter.reachedBy(pressure)).as("tightened without reaching the level").isTrue();
      return;
    }
    assertThat(before.ordinal() - after.ordinal()).as("relaxes one mode at a time").isEqualTo(1);
    Threshold leave =
        before == AdmissionMode.REJECTING ? LEVELS.leaveRejecting() : LEVELS.leaveThrottled();
    assertThat(leave.clearedBy(pressure)).as("relaxed above the leave level").isTrue();
    assertThat(Duration.between(t.before().since(), now)).isGreaterThanOrEqualTo(LEVELS.minDwell());
  }

  /** Readings that wander around the thresholds, where flapping would show. */
  @Provide
  Arbitrary<List<Pressure>> readings() {
    Arbitrary<Integer> waiting =
        Arbitraries.oneOf(
            Arbitraries.integers().between(0, 3_000),
            Arbitraries.of(99, 100, 101, 499, 500, 501, 999, 1_000, 1_001, 1_999, 2_000));
    Arbitrary<Long> oldest =
        Arbitraries.oneOf(
            Arbitraries.longs().between(0, 200_000),
            Arbitraries.of(4_999L, 5_000L, 29_999L, 30_000L, 59_999L, 60_000L, 120_000L));
    Arbitrary<Pressure> reading = Combinators.combine(waiting, oldest).as(Pressure::new);
    // Runs of the same reading, so the dwell can pass inside a sequence.
    return reading
        .flatMap(
            p ->
                Arbitraries.integers().between(1, 90).map(n -> java.util.Collections.nCopies(n, p)))
        .list()
        .ofMaxSize(20)
        .map(runs -> runs.stream().flatMap(List::stream).toList());
  }
}
