package dev.krako.graph;

/** The machine codes of a rejection (CONTRACT.md section 5). */
public enum ViolationCode {
  MALFORMED_JSON,
  NOT_AN_OBJECT,
  MISSING_FIELD,
  WRONG_TYPE,
  UNSUPPORTED_SCHEMA_VERSION,
  EMPTY_GRAPH,
  DUPLICATE_WORK_UNIT_ID,
  UNKNOWN_DEPENDENCY,
  DAG_CYCLE,
  NEGATIVE_BUDGET,
  UNKNOWN_WORK_UNIT_TYPE,
  PRIVACY_CONFLICT,
  BUDGET_UNSATISFIABLE,
  TOO_LARGE,
  DUPLICATE_REQUEST,
  /**
   * Not a violation of its own: says that a rejection lists only the first violations (a rejection
   * record must fit the broker's record size), and how many more there were.
   */
  VIOLATIONS_TRUNCATED
}
