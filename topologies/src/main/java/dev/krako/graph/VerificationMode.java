package dev.krako.graph;

/** How a unit's output is verified before it counts. */
public enum VerificationMode {
  NONE,
  /** Checked against the unit's {@code output_schema}; a mismatch is {@code schema_mismatch}. */
  SCHEMA,
  /** Run on several nodes; the majority output wins. */
  QUORUM,
  /** A second node recomputes; the outputs are compared. */
  RECOMPUTE
}
