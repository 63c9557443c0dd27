package dev.krako.billing;

import java.util.Locale;

/** The kinds of ledger entry (docs/billing.md). */
public enum LineItem {
  /** The CPU time of a CPU work unit, once per (session, unit): the attempt that completed. */
  WORKUNIT_CPU,
  /** The tokens of one successful model invocation, once per event id. */
  LLM_TOKENS;

  /** The name on the wire and in the digest: {@code workunit_cpu}, {@code llm_tokens}. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
