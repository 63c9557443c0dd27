package dev.krako.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AdmissionControllerTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private final AdmissionController controller =
      new AdmissionController(AdmissionThresholds.defaults());

  @Test
  void aCalmBacklogChangesNothing() {
    assertThat(controller.onBacklog(AdmissionState.initial(), new Pressure(10, 1_000), T0))
        .isEmpty();
  }

  @Test
  void tighteningIsImmediateAndGoesStraightToTheModeTheBacklogCallsFor() {
    var t =
        controller.onBacklog(AdmissionState.initial(), new Pressure(2_500, 0), T0).orElseThrow();

    assertThat(t.after().mode()).isEqualTo(AdmissionMode.REJECTING);
    assertThat(t.after().cause()).isEqualTo(Cause.BACKLOG);
    assertThat(t.after().since()).isEqualTo(T0);
    assertThat(t.after().changes()).isEqualTo(1);
    assertThat(t.modeChanged()).isTrue();
  }

  @Test
  void anOldWaitingUnitAloneThrottles() {
    var t =
        controller.onBacklog(AdmissionState.initial(), new Pressure(3, 30_000), T0).orElseThrow();

    assertThat(t.after().mode()).isEqualTo(AdmissionMode.THROTTLED);
  }

  @Test
  void relaxingWaitsForTheLowerLevelAndTheDwellAndGoesOneModeAtATime() {
    AdmissionState rejecting =
        controller
            .onBacklog(AdmissionState.initial(), new Pressure(2_000, 0), T0)
            .orElseThrow()
            .after();
    Pressure calm = new Pressure(0, 0);

    assertThat(controller.onBacklog(rejecting, calm, T0.plusSeconds(59))).isEmpty();
    AdmissionState throttled =
        controller.onBacklog(rejecting, calm, T0.plusSeconds(60)).orElseThrow().after();
    assertThat(throttled.mode()).isEqualTo(AdmissionMode.THROTTLED);
    assertThat(controller.onBacklog(throttled, calm, T0.plusSeconds(119))).isEmpty();
    assertThat(
            controller.onBacklog(throttled, calm, T0.plusSeconds(120)).orElseThrow().after().mode())
        .isEqualTo(AdmissionMode.NORMAL);
  }

  @Test
  void betweenTheLevelsTheModeStays() {
    AdmissionState throttled =
        controller
            .onBacklog(AdmissionState.initial(), new Pressure(500, 0), T0)
            .orElseThrow()
            .after();

    // 200 waiting: under the enter level (500), not under the leave level (100).
    assertThat(controller.onBacklog(throttled, new Pressure(200, 0), T0.plus(Duration.ofHours(1))))
        .isEmpty();
  }

  @Test
  void anOperatorHoldSuspendsTheRuleUntilReleased() {
    Transition held =
        controller.hold(AdmissionState.initial(), AdmissionMode.REJECTING, "maintenance", T0);
    assertThat(held.modeChanged()).isTrue();
    assertThat(held.after().cause()).isEqualTo(Cause.OPERATOR);
    assertThat(held.after().reason()).isEqualTo("maintenance");

    Instant later = T0.plus(Duration.ofHours(1));
    assertThat(controller.onBacklog(held.after(), new Pressure(0, 0), later)).isEmpty();

    Transition released = controller.release(held.after(), "handed back");
    assertThat(released.modeChanged()).isFalse();
    assertThat(released.after().mode()).isEqualTo(AdmissionMode.REJECTING);
    assertThat(
            controller
                .onBacklog(released.after(), new Pressure(0, 0), later)
                .orElseThrow()
                .after()
                .mode())
        .isEqualTo(AdmissionMode.THROTTLED);
  }

  @Test
  void holdingTheModeInForceIsNoChange() {
    Transition held = controller.hold(AdmissionState.initial(), AdmissionMode.NORMAL, "pin", T0);

    assertThat(held.modeChanged()).isFalse();
    assertThat(held.after().operatorHeld()).isTrue();
    assertThat(held.after().changes()).isZero();
  }
}
