package dev.krako.worker.execution;

import java.util.List;

/** How one attempt of a unit ended on this node. */
public sealed interface Outcome {

  /** The resources the attempt used. */
  ExecutionUsage usage();

  /** The model calls the attempt made, in order (empty for deterministic units). */
  List<ModelCall> modelCalls();

  /** The attempt produced an output (a JSON object as text). */
  record Completed(String outputJson, ExecutionUsage usage, List<ModelCall> modelCalls)
      implements Outcome {

    public Completed {
      modelCalls = List.copyOf(modelCalls);
    }

    public Completed(String outputJson, ExecutionUsage usage) {
      this(outputJson, usage, List.of());
    }
  }

  /**
   * The attempt failed.
   *
   * @param errorCode a stable machine code, e.g. {@code DETERMINISTIC_EXEC_FAILED}, {@code
   *     SCHEMA_MISMATCH}
   */
  record Failed(String errorCode, String message, ExecutionUsage usage, List<ModelCall> modelCalls)
      implements Outcome {

    public Failed {
      modelCalls = List.copyOf(modelCalls);
    }

    public Failed(String errorCode, String message, ExecutionUsage usage) {
      this(errorCode, message, usage, List.of());
    }
  }
}
