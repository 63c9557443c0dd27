package dev.krako.capacity;

import java.time.Instant;
import java.util.Objects;

/**
 * The admission mode in force and how it came to be.
 *
 * @param operatorHeld an operator holds the mode: the backlog rule leaves it alone until released
 * @param since when the mode last changed (the dwell before relaxing counts from here)
 * @param changes how many mode changes happened before: the sequence of the change events
 */
public record AdmissionState(
    AdmissionMode mode,
    Cause cause,
    String reason,
    boolean operatorHeld,
    Instant since,
    long changes) {

  public AdmissionState {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(since, "since");
  }

  /** Before anything was observed: normal, free to change at once. */
  public static AdmissionState initial() {
    return new AdmissionState(
        AdmissionMode.NORMAL, Cause.BACKLOG, "no backlog observed yet", false, Instant.EPOCH, 0);
  }

  AdmissionState changedTo(AdmissionMode next, Cause why, String text, boolean held, Instant at) {
    return new AdmissionState(next, why, text, held, at, changes + 1);
  }
}
