package dev.krako.capacity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Decides the admission mode, from the backlog or from an operator's order. Pure: the same state,
 * input and time give the same answer.
 *
 * <p>The backlog rule tightens at once, straight to the mode the backlog calls for, and relaxes one
 * mode at a time, only once the backlog is under the lower leave level and the mode has held for
 * the dwell time. An operator's {@code set} holds a mode (the rule is suspended); {@code auto}
 * releases it, and the rule takes over at its next evaluation.
 */
public final class AdmissionController {

  private final AdmissionThresholds thresholds;

  public AdmissionController(AdmissionThresholds thresholds) {
    this.thresholds = thresholds;
  }

  /** The backlog rule's decision; empty when nothing changes (or an operator holds the mode). */
  public Optional<Transition> onBacklog(AdmissionState state, Pressure pressure, Instant now) {
    if (state.operatorHeld()) {
      return Optional.empty();
    }
    AdmissionMode next = next(state, pressure, now);
    if (next == state.mode()) {
      return Optional.empty();
    }
    String reason = pressure + (next.tighterThan(state.mode()) ? " (tightened)" : " (relaxed)");
    return Optional.of(
        new Transition(state, state.changedTo(next, Cause.BACKLOG, reason, false, now)));
  }

  private AdmissionMode next(AdmissionState state, Pressure pressure, Instant now) {
    AdmissionMode called = AdmissionMode.NORMAL;
    if (thresholds.enterRejecting().reachedBy(pressure)) {
      called = AdmissionMode.REJECTING;
    } else if (thresholds.enterThrottled().reachedBy(pressure)) {
      called = AdmissionMode.THROTTLED;
    }
    if (called.tighterThan(state.mode())) {
      return called;
    }
    boolean dwelt = Duration.between(state.since(), now).compareTo(thresholds.minDwell()) >= 0;
    if (!dwelt) {
      return state.mode();
    }
    return switch (state.mode()) {
      case REJECTING ->
          thresholds.leaveRejecting().clearedBy(pressure)
              ? AdmissionMode.THROTTLED
              : AdmissionMode.REJECTING;
      case THROTTLED ->
          thresholds.leaveThrottled().clearedBy(pressure)
              ? AdmissionMode.NORMAL
              : AdmissionMode.THROTTLED;
      case NORMAL -> AdmissionMode.NORMAL;
    };
  }

  /** An operator holds {@code mode} until {@link #release}. */
  public Transition hold(AdmissionState state, AdmissionMode mode, String reason, Instant now) {
    if (mode == state.mode()) {
      return new Transition(
          state,
          new AdmissionState(mode, Cause.OPERATOR, reason, true, state.since(), state.changes()));
    }
    return new Transition(state, state.changedTo(mode, Cause.OPERATOR, reason, true, now));
  }

  /** An operator hands the mode back to the backlog rule; the mode itself does not change here. */
  public Transition release(AdmissionState state, String reason) {
    return new Transition(
        state,
        new AdmissionState(
            state.mode(), state.cause(), reason, false, state.since(), state.changes()));
  }
}
