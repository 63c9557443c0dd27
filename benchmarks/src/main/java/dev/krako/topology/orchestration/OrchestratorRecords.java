package dev.krako.topology.orchestration;

import dev.krako.avro.Event;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.session.Effect;
import dev.krako.session.Session;
import dev.krako.session.SessionInput;
import dev.krako.topics.KrakoTopics;
import java.time.Instant;
import java.util.Optional;

/**
 * The orchestrator's own record builders, opened to the benchmarks: the dispatch records and
 * scheduled events they encode are the ones {@link OrchestrationProcessor} writes, and the session
 * inputs they decide are the ones it reads from the event log. It lives in the orchestration
 * package, in the benchmarks' jar only, because those builders are package-private there.
 */
public final class OrchestratorRecords {

  private final OrchestratorEvents events;
  private final KrakoTopics topics;

  public OrchestratorRecords(String instanceId, KrakoTopics topics) {
    this.events = new OrchestratorEvents(instanceId);
    this.topics = topics;
  }

  /** The dispatch record of a decision's dispatch effect. */
  public WorkUnitDispatch dispatch(Session s, Effect.Dispatch d, Instant at) {
    return events.dispatch(s, d, at);
  }

  /** The {@code workunit.scheduled} event written with a dispatch. */
  public Event scheduled(Session s, Effect.Dispatch d, Instant at) {
    return events.scheduled(s, d, topics.dispatch(OrchestratorEvents.substrate(d)).name(), at);
  }

  /** What the orchestrator makes of an event of the log: an input to decide, or nothing. */
  public static Optional<SessionInput> inputOf(Event e) {
    return EventInputs.of(e);
  }
}
