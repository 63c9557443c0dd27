package dev.krako.billing;

import java.util.Locale;

/** Where an attempt ran, as its completion reports it. Only CPU pools bill CPU time. */
public enum Substrate {
  CPU,
  CPU_TRUSTED,
  LLM_POD,
  /** A substrate this build does not know (a newer writer): not billed as CPU. */
  UNKNOWN;

  /**
   * Whether a completion on this substrate bills {@code workunit_cpu}. An LLM pod's work is billed
   * by its invocations' tokens instead, so its CPU time is never billed a second way.
   */
  public boolean billsCpuTime() {
    return this == CPU || this == CPU_TRUSTED;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
