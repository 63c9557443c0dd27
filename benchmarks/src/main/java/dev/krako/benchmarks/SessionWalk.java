package dev.krako.benchmarks;

import dev.krako.avro.Event;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.events.EventIds;
import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.TaskGraph;
import dev.krako.session.Decision;
import dev.krako.session.Effect;
import dev.krako.session.Session;
import dev.krako.session.SessionDecider;
import dev.krako.session.SessionInput;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.topology.orchestration.OrchestratorRecords;
import dev.krako.worker.runtime.WorkerRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Drives one session through the real code, record by record, to the state a benchmark starts from:
 * the graph is parsed by ingress's parser, every dispatch is the orchestrator's record, every claim
 * and completion is the worker's event (the unit really run by its handler), read back by the
 * orchestrator's event reader, and every step is {@link SessionDecider#decide}. Time is a fixed
 * instant advanced by 10 ms a step, so two walks give the same states.
 */
public final class SessionWalk {

  static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  static final String TENANT = "bench-tenant";
  private static final Duration STEP = Duration.ofMillis(10);

  private final KrakoTopics topics = new KrakoTopics(TopicNames.defaults());
  private final OrchestratorRecords orchestrator =
      new OrchestratorRecords("orchestrator-bench", topics);
  private final WorkerRecords worker = new WorkerRecords("cpu-bench-node");
  private final Deque<WorkUnitDispatch> outstanding = new ArrayDeque<>();
  private Session session;
  private Instant now = T0;

  private SessionWalk() {}

  /** The graph of a shape, parsed and validated by ingress's parser. */
  public static TaskGraph graph(GraphShape shape) {
    ParseOutcome outcome =
        new GraphParser(IngressLimits.defaults())
            .parse(shape.document(shape.name().toLowerCase(java.util.Locale.ROOT), TENANT));
    if (outcome instanceof ParseOutcome.Accepted accepted) {
      return accepted.graph();
    }
    throw new IllegalStateException("Ingress rejected the " + shape + " graph: " + outcome);
  }

  /** The admission of a shape's graph, as the orchestrator reads it from ingress. */
  public static SessionInput.Admit admission(GraphShape shape) {
    TaskGraph graph = graph(shape);
    return new SessionInput.Admit(
        EventIds.sessionId(graph.tenantId(), graph.requestId()), graph, T0);
  }

  /** A walk whose session has just been admitted: its roots are dispatched. */
  public static SessionWalk admitted(GraphShape shape) {
    SessionWalk walk = new SessionWalk();
    walk.apply(admission(shape));
    return walk;
  }

  /**
   * Runs the outstanding dispatches in order, each claimed then completed, until {@code unitId} is
   * dispatched; claims it, and returns the completion event the worker then reports for it. The
   * session is left as it is just before that event: every other dispatch still outstanding.
   */
  public Event runUntilCompletionOf(String unitId) {
    while (!outstanding.isEmpty()) {
      WorkUnitDispatch next = outstanding.poll();
      Instant claimedAt = tick();
      apply(input(worker.claimed(next, claimedAt)));
      Event completion = worker.completed(next, claimedAt, tick());
      if (next.getWorkUnitId().equals(unitId)) {
        return completion;
      }
      apply(input(completion));
    }
    throw new IllegalStateException("Unit " + unitId + " was never dispatched.");
  }

  /** The session as it stands. */
  public Session session() {
    return session;
  }

  /** The orchestrator's record builders this walk uses. */
  public OrchestratorRecords orchestrator() {
    return orchestrator;
  }

  /** The topics whose serdes encode this walk's records. */
  public KrakoTopics topics() {
    return topics;
  }

  /** The instant of the walk's last step. */
  public Instant now() {
    return now;
  }

  /** The dispatch record of the first dispatch still outstanding. */
  public WorkUnitDispatch firstOutstanding() {
    return outstanding.getFirst();
  }

  private void apply(SessionInput input) {
    Decision decision = SessionDecider.decide(Optional.ofNullable(session), input);
    session =
        decision
            .next()
            .orElseThrow(() -> new IllegalStateException("The session ignored " + input));
    for (Effect effect : decision.effects()) {
      if (effect instanceof Effect.Dispatch d) {
        outstanding.add(orchestrator.dispatch(session, d, input.at()));
      }
    }
  }

  private static SessionInput input(Event e) {
    return OrchestratorRecords.inputOf(e)
        .orElseThrow(() -> new IllegalStateException("Not an orchestrator input: " + e));
  }

  private Instant tick() {
    now = now.plus(STEP);
    return now;
  }
}
