package dev.krako.worker.execution;

import java.util.Map;

/**
 * Chooses the executor of a unit by its type. A type this pool has no executor for fails the
 * attempt with {@code NO_EXECUTOR} rather than disappearing.
 */
public final class ExecutorsByType implements UnitExecutor {

  public static final String NO_EXECUTOR = "NO_EXECUTOR";

  private final Map<String, UnitExecutor> executors;

  public ExecutorsByType(Map<String, UnitExecutor> executors) {
    this.executors = Map.copyOf(executors);
  }

  @Override
  public Outcome execute(UnitTask task) {
    UnitExecutor executor = executors.get(task.type());
    if (executor == null) {
      return new Outcome.Failed(
          NO_EXECUTOR,
          "this pool runs " + executors.keySet() + ", not " + task.type(),
          ExecutionUsage.cpu(0));
    }
    return executor.execute(task);
  }
}
