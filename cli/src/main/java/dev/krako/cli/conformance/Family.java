package dev.krako.cli.conformance;

/** The graph families of the corpus: the columns of the conformance table. */
public enum Family {
  SAMPLES("samples", "the three KORA 0.1 samples"),
  HARNESS("harness", "KORA's real-workload harness shapes, short and long texts"),
  CLASSIFY("classify", "single-task classify_by_rules graphs from the support dataset"),
  STRESS("stress", "seeded stress graphs: pre-gate, skip_if, ~5% exhaustion"),
  RETRY("retry", "retries and verification: flaky handlers, malformed and failing models"),
  ESCALATION("escalation", "1.x activation conditions, held and not held"),
  VERSION("version", "unsupported major versions");

  private final String column;
  private final String description;

  Family(String column, String description) {
    this.column = column;
    this.description = description;
  }

  public String column() {
    return column;
  }

  public String description() {
    return description;
  }
}
