package dev.krako.worker.execution;

/** Runs one attempt of a unit. It never throws: every failure is an {@link Outcome.Failed}. */
public interface UnitExecutor {

  Outcome execute(UnitTask task);
}
