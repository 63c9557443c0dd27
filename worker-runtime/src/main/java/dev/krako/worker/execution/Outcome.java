package dev.krako.worker.execution;

/** How one attempt of a unit ended on this node. */
public sealed interface Outcome {

  /** The resources the attempt used. */
  ExecutionUsage usage();

  /** The attempt produced an output (a JSON object as text). */
  record Completed(String outputJson, ExecutionUsage usage) implements Outcome {}

  /**
   * The attempt failed.
   *
   * @param errorCode a stable machine code, e.g. {@code DETERMINISTIC_EXEC_FAILED}
   */
  record Failed(String errorCode, String message, ExecutionUsage usage) implements Outcome {}
}
