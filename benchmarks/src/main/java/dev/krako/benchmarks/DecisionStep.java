package dev.krako.benchmarks;

import dev.krako.avro.Event;
import dev.krako.session.Session;
import dev.krako.session.SessionInput;
import dev.krako.topology.orchestration.OrchestratorRecords;
import java.util.Optional;

/**
 * The orchestrator's decisions the benchmarks measure: admitting a graph, and one worker's
 * completion in a session under way. Each is prepared by a {@link SessionWalk}, so its state and
 * input are what the orchestrator really holds and reads at that point.
 */
public enum DecisionStep {
  /** A 5-unit chain is admitted: one root dispatched. */
  ADMIT_CHAIN5(GraphShape.CHAIN5, null),
  /** A 20-unit fan-out is admitted: its root dispatched. */
  ADMIT_FANOUT20(GraphShape.FANOUT20, null),
  /** A 1000-unit graph is admitted: its 20 roots dispatched. */
  ADMIT_UNITS1000(GraphShape.UNITS1000, null),
  /** The middle of a 5-unit chain completes: the next unit is dispatched. */
  COMPLETE_CHAIN5_MIDDLE(GraphShape.CHAIN5, "c2"),
  /** A fan-out's root completes: its 19 leaves are dispatched at once. */
  COMPLETE_FANOUT20_ROOT(GraphShape.FANOUT20, GraphShape.FANOUT_ROOT),
  /** A fan-out's tenth leaf completes while nine are still out: nothing more to dispatch. */
  COMPLETE_FANOUT20_LEAF(GraphShape.FANOUT20, "leaf09"),
  /** The second root of a 1000-unit graph completes: the first unit of layer 1 is dispatched. */
  COMPLETE_UNITS1000_ROOT(GraphShape.UNITS1000, "l00u01");

  private final GraphShape shape;
  private final String completedUnit;

  DecisionStep(GraphShape shape, String completedUnit) {
    this.shape = shape;
    this.completedUnit = completedUnit;
  }

  /**
   * The state and the input of this step.
   *
   * @param before the session before the input; empty for an admission
   * @param event the worker's completion event the input was read from; null for an admission
   */
  public record Prepared(
      Optional<Session> before, SessionInput input, Event event, SessionWalk walk) {}

  /** Walks a session to this step. */
  public Prepared prepare() {
    if (completedUnit == null) {
      return new Prepared(Optional.empty(), SessionWalk.admission(shape), null, null);
    }
    SessionWalk walk = SessionWalk.admitted(shape);
    Event completion = walk.runUntilCompletionOf(completedUnit);
    SessionInput input =
        OrchestratorRecords.inputOf(completion)
            .orElseThrow(() -> new IllegalStateException("Not an input: " + completion));
    return new Prepared(Optional.of(walk.session()), input, completion, walk);
  }
}
