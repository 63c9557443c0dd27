package dev.krako.capacity;

/** What an admission decision did: the state before and after. */
public record Transition(AdmissionState before, AdmissionState after) {

  /** True when the mode itself changed: the only case that emits a mode-changed event. */
  public boolean modeChanged() {
    return before.mode() != after.mode();
  }
}
