package dev.krako.worker.runtime;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.LlmInvocation;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitHeartbeat;
import dev.krako.avro.WorkUnitStarted;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.ModelCall;
import dev.krako.worker.execution.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Builds the events a worker node reports about the attempts it runs. */
final class WorkerEvents {

  static final String COMPONENT = "worker";

  /** The error of a replica that no node outside its exclude list took (Quorum's code). */
  static final String NO_DISTINCT_NODE = "NO_DISTINCT_NODE";

  /** Stands in for the session in the ids of node events, which belong to no session. */
  private static final String NODE_SCOPE = "node:";

  private final String nodeId;
  private final Substrate substrate;
  private final EventSource source;

  WorkerEvents(String nodeId, Substrate substrate) {
    this.nodeId = nodeId;
    this.substrate = substrate;
    this.source = new EventSource(COMPONENT, nodeId);
  }

  Event claimed(WorkUnitDispatch d, Instant at) {
    return event(d, EventTypes.UNIT_CLAIMED, at, new WorkUnitClaimed(nodeId, substrate));
  }

  Event started(WorkUnitDispatch d, Instant at) {
    return event(d, EventTypes.UNIT_STARTED, at, new WorkUnitStarted(nodeId, substrate));
  }

  Event outcome(WorkUnitDispatch d, Outcome outcome, long durationMs, Instant at) {
    Usage usage = usage(outcome.usage());
    if (outcome instanceof Outcome.Completed done) {
      return event(
          d,
          EventTypes.UNIT_COMPLETED,
          at,
          new WorkUnitCompleted(nodeId, substrate, done.outputJson(), durationMs, usage));
    }
    Outcome.Failed failed = (Outcome.Failed) outcome;
    return event(
        d,
        EventTypes.UNIT_FAILED,
        at,
        new WorkUnitFailed(
            nodeId, substrate, failed.errorCode(), failed.message(), durationMs, usage));
  }

  /**
   * A replica that found no node of its own: every partition of the dispatch topic was tried, and
   * each belongs to a node that already runs a replica of the attempt. It names no node: no node is
   * to blame, the pool is too small (docs/adr/009-verification-replicas.md).
   */
  Event noDistinctNode(WorkUnitDispatch d, Instant at) {
    return event(
        d,
        EventTypes.UNIT_FAILED,
        at,
        new WorkUnitFailed(
            null,
            substrate,
            NO_DISTINCT_NODE,
            "no node outside "
                + d.getExcludeNodes()
                + " took the replica after "
                + d.getHops()
                + " hand-ons",
            0L,
            new Usage(0L, 0L, 0L, 0)));
  }

  /**
   * The {@code llm.invocation.started} and {@code .completed} (or {@code .failed}) events of each
   * model call of an attempt. The n-th call (from 0) of an attempt derives its ids from the event
   * type followed by {@code #n} when n > 0, so every call has its own deterministic id.
   */
  List<Event> modelCalls(WorkUnitDispatch d, Outcome outcome, Instant startedAt, Instant endedAt) {
    List<Event> calls = new ArrayList<>();
    for (int n = 0; n < outcome.modelCalls().size(); n++) {
      ModelCall call = outcome.modelCalls().get(n);
      String suffix = n == 0 ? "" : "#" + n;
      Usage none = new Usage(0L, 0L, 0L, 0);
      calls.add(
          event(
              d,
              EventTypes.LLM_STARTED,
              suffix,
              startedAt,
              new LlmInvocation(nodeId, call.model(), call.tier(), 0L, none, null)));
      Usage used = new Usage(0L, call.tokensIn(), call.tokensOut(), 1);
      String type = call.error() == null ? EventTypes.LLM_COMPLETED : EventTypes.LLM_FAILED;
      calls.add(
          event(
              d,
              type,
              suffix,
              endedAt,
              new LlmInvocation(
                  nodeId, call.model(), call.tier(), call.latencyMs(), used, call.error())));
    }
    return calls;
  }

  /**
   * A {@code node.health.updated} report of this node: no tenant, graph, session or unit. A node
   * reports many times, so its event id is derived from the node id, the instant the node started
   * and the report's sequence number (from 0): every report has its own id, and the same report
   * always has the same one.
   *
   * @param status up, degraded or down
   * @param detail a JSON object for people and dashboards (docs/worker-resilience.md)
   */
  Event nodeHealth(String status, String detail, Instant at, Instant nodeStartedAt, long sequence) {
    String idType =
        EventTypes.NODE_HEALTH_UPDATED + "#" + nodeStartedAt.toEpochMilli() + "#" + sequence;
    return Event.newBuilder()
        .setEventId(EventIds.eventId(NODE_SCOPE + nodeId, null, 0, idType))
        .setEventType(EventTypes.NODE_HEALTH_UPDATED)
        .setTimestamp(at)
        .setAttemptIndex(0)
        .setSource(source)
        .setPayload(new NodeHealthUpdated(nodeId, substrate, status, detail))
        .build();
  }

  private static Usage usage(ExecutionUsage u) {
    return new Usage(u.cpuMs(), u.tokensIn(), u.tokensOut(), u.llmCalls());
  }

  private Event event(WorkUnitDispatch d, String type, Instant at, SpecificRecord payload) {
    return event(d, type, "", at, payload);
  }

  /**
   * The heartbeat of a unit this node runs: not an event of the log, but the renewal of the
   * attempt's lease (docs/adr/016-heartbeats-and-leases.md); a replica names its index.
   */
  WorkUnitHeartbeat heartbeat(WorkUnitDispatch d, Instant at) {
    return new WorkUnitHeartbeat(
        d.getSessionId(),
        d.getWorkUnitId(),
        d.getAttemptIndex(),
        d.getReplicaCount() > 1 ? d.getReplicaIndex() : null,
        nodeId,
        at,
        false);
  }

  /**
   * An event about an attempt, or about one replica of it when the dispatch is a replica: then its
   * id also derives from the replica index, and it carries that index.
   */
  private Event event(
      WorkUnitDispatch d, String type, String idSuffix, Instant at, SpecificRecord payload) {
    boolean replica = d.getReplicaCount() > 1;
    String id =
        replica
            ? EventIds.replicaEventId(
                d.getSessionId(),
                d.getWorkUnitId(),
                d.getAttemptIndex(),
                d.getReplicaIndex(),
                type + idSuffix)
            : EventIds.eventId(
                d.getSessionId(), d.getWorkUnitId(), d.getAttemptIndex(), type + idSuffix);
    return Event.newBuilder()
        .setEventId(id)
        .setReplicaIndex(replica ? d.getReplicaIndex() : null)
        .setEventType(type)
        .setTimestamp(at)
        .setTenantId(d.getTenantId())
        .setGraphId(d.getGraphId())
        .setSessionId(d.getSessionId())
        .setWorkUnitId(d.getWorkUnitId())
        .setAttemptIndex(d.getAttemptIndex())
        .setSource(source)
        .setPayload(payload)
        .build();
  }
}
