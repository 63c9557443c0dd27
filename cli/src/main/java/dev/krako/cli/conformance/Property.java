package dev.krako.cli.conformance;

/** The conformance properties of the KORA–Krako contract: the rows of the table. */
public enum Property {
  OUTCOME("KORA outcome", "status, stop reason, unit statuses, attempts, calls, tokens, outputs"),
  BUDGET("budget non-increase", "tokens, model calls and attempts never above the declared caps"),
  DETERMINISTIC_FIRST("deterministic-first", "no model call when KORA makes none"),
  SCHEMA("schema enforcement", "a bad output fails as SCHEMA_MISMATCH, a good one passes"),
  RETRY_CAP("retry cap", "attempts per unit = KORA's, never above max_attempts"),
  ESCALATION("escalation", "declared steps only, run only when their condition holds"),
  REPLAY("replay determinism", "the event log alone gives the result's outcome and tokens"),
  TELEMETRY("telemetry completeness", "every unit's event sequence and the result's bundle"),
  VERSION("version mismatch", "an unsupported major is rejected with UNSUPPORTED_SCHEMA_VERSION");

  private final String label;
  private final String meaning;

  Property(String label, String meaning) {
    this.label = label;
    this.meaning = meaning;
  }

  public String label() {
    return label;
  }

  public String meaning() {
    return meaning;
  }
}
