package dev.krako.worker.runtime;

import dev.krako.avro.Event;
import dev.krako.avro.Substrate;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.worker.execution.DeterministicExecutor;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.handler.HandlerRegistry;
import java.time.Duration;
import java.time.Instant;

/**
 * A CPU worker node's events, opened to the benchmarks: the claim and the outcome a {@link
 * ClaimLoop} reports for a dispatch, the outcome from really running the unit's handler. It lives
 * in the runtime package, in the benchmarks' jar only, because the event builder is package-private
 * there.
 */
public final class WorkerRecords {

  private final WorkerEvents events;
  private final UnitExecutor executor =
      new DeterministicExecutor(HandlerRegistry.koraDefaults(), System::nanoTime);

  public WorkerRecords(String nodeId) {
    this.events = new WorkerEvents(nodeId, Substrate.cpu);
  }

  /** The {@code workunit.claimed} event of a dispatch. */
  public Event claimed(WorkUnitDispatch d, Instant at) {
    return events.claimed(d, at);
  }

  /**
   * Runs the dispatched unit with KORA's default handlers and returns its {@code
   * workunit.completed} event.
   *
   * @throws IllegalStateException when the unit failed: a benchmark input must be a completion
   */
  public Event completed(WorkUnitDispatch d, Instant startedAt, Instant endedAt) {
    Outcome outcome = executor.execute(ClaimLoop.task(d));
    if (!(outcome instanceof Outcome.Completed)) {
      throw new IllegalStateException(
          "Unit " + d.getWorkUnitId() + " did not complete: " + outcome);
    }
    long durationMs = Duration.between(startedAt, endedAt).toMillis();
    return events.outcome(d, outcome, durationMs, endedAt);
  }
}
