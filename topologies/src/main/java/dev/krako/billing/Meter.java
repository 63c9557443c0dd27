package dev.krako.billing;

import java.util.Locale;

/** What a quantity in a ledger entry counts. */
public enum Meter {
  /** CPU milliseconds of a completed CPU work unit, priced per CPU-second. */
  CPU_MS,
  /** Prompt tokens of one model invocation, priced per 1,000. */
  TOKENS_IN,
  /** Completion tokens of one model invocation, priced per 1,000. */
  TOKENS_OUT;

  /** The name on the wire and in the digest: {@code cpu_ms}, {@code tokens_in}, … */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
