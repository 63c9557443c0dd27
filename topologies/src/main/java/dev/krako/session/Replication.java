package dev.krako.session;

import dev.krako.graph.WorkUnit;
import dev.krako.session.SessionInput.ReplicaClaimed;
import dev.krako.session.SessionInput.ReplicaEnded;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The replicas of a verified attempt ({@code quorum}: N, the session's quorum size; {@code
 * recompute}: 2). Replicas are dispatched one after the other, each as soon as the one before has
 * been claimed (or has ended), so that each carries the nodes that already run one as its {@code
 * exclude_nodes}: the replicas of an attempt run on distinct nodes and still overlap in time.
 */
final class Replication {

  /** The replicas of a recompute attempt: the first execution and one recomputation. */
  static final int RECOMPUTE_REPLICAS = 2;

  private Replication() {}

  /** How many executions each attempt of the unit runs: 1 unless it is verified by replicas. */
  static int count(Session session, WorkUnit unit) {
    return switch (unit.verificationMode()) {
      case QUORUM -> session.quorumSize();
      case RECOMPUTE -> RECOMPUTE_REPLICAS;
      default -> 1;
    };
  }

  /**
   * The session after a replica's claim, with the next replica dispatched; empty if stale: the
   * replica is no longer waiting for a claim, or the claiming node already holds another replica of
   * the attempt. The latter is a run of a dispatch whose orchestrator transaction aborted (a CPU
   * pool may start one before the commit, docs/adr/025-early-start-of-pure-units.md): it carried
   * the exclusions of a state that no longer exists, and accepting it would put two replicas of the
   * attempt on one node.
   */
  static Optional<Session> claimed(Session session, ReplicaClaimed c, List<Effect> effects) {
    UnitRun run = session.unit(c.unitId());
    Optional<ReplicaRun> replica = pending(run, c.attempt(), c.replica());
    if (replica.isEmpty()
        || replica.get().status() != ReplicaRun.Status.DISPATCHED
        || holdsAnother(run, c.nodeId(), c.replica())) {
      return Optional.empty();
    }
    List<ReplicaRun> next = replace(run.replicas(), replica.get().claimed(c.nodeId()));
    UnitRun updated =
        run.status() == UnitStatus.DISPATCHED
            ? run.claimedReplica(c.nodeId(), c.at(), next)
            : run.withReplicas(next);
    WorkUnit unit = session.graph().unit(c.unitId()).orElseThrow();
    return Optional.of(dispatchNext(session.withUnit(c.unitId(), updated), unit, effects));
  }

  /**
   * The session with a replica's outcome recorded; empty when it is stale or a duplicate, or when
   * it does not come from the replica's holder. An outcome that names a node counts only for a
   * replica claimed by that node; one that names none ({@code NO_DISTINCT_NODE}, written without a
   * claim) only for a replica no node has claimed. Any other is the outcome of a run of an aborted
   * dispatch (see {@link #claimed}), whose node is not the one the attempt's exclusions were built
   * on.
   */
  static Optional<Session> ended(Session session, ReplicaEnded e) {
    UnitRun run = session.unit(e.unitId());
    Optional<ReplicaRun> replica = pending(run, e.attempt(), e.replica());
    if (replica.isEmpty() || !fromHolder(replica.get(), e.nodeId())) {
      return Optional.empty();
    }
    ReplicaRun done =
        e.errorCode() == null
            ? replica.get().completed(e.outputJson(), e.durationMs(), e.usage())
            : replica.get().failed(e.errorCode(), e.durationMs(), e.usage());
    return Optional.of(
        session.withUnit(e.unitId(), run.withReplicas(replace(run.replicas(), done))));
  }

  /**
   * Whether the verdict is due: every replica has ended, or one found no distinct node (the attempt
   * cannot have N distinct replicas; a majority of those that ran may still exist).
   */
  static boolean verdictDue(Session session, WorkUnit unit) {
    List<ReplicaRun> replicas = session.unit(unit.id()).replicas();
    if (replicas.stream().anyMatch(r -> Quorum.NO_DISTINCT_NODE.equals(r.errorCode()))) {
      return true;
    }
    return replicas.size() == count(session, unit)
        && replicas.stream().allMatch(r -> r.status().ended());
  }

  /** Dispatches the next replica when the last one has been claimed or has ended. */
  static Session dispatchNext(Session session, WorkUnit unit, List<Effect> effects) {
    UnitRun run = session.unit(unit.id());
    int n = count(session, unit);
    List<ReplicaRun> replicas = run.replicas();
    if (replicas.isEmpty()
        || replicas.size() >= n
        || replicas.get(replicas.size() - 1).status() == ReplicaRun.Status.DISPATCHED) {
      return session;
    }
    Set<String> exclude = new LinkedHashSet<>();
    replicas.stream().map(ReplicaRun::nodeId).filter(id -> id != null).forEach(exclude::add);
    long perReplica = run.reservedTokens() / n;
    effects.add(
        new Effect.Dispatch(
            unit,
            run.attemptIndex(),
            PlacementPolicy.place(unit),
            Readiness.dependencyOutputs(session, unit),
            perReplica > 0 ? perReplica : null,
            replicas.size(),
            n,
            List.copyOf(exclude)));
    List<ReplicaRun> next = new ArrayList<>(replicas);
    next.add(ReplicaRun.dispatched(replicas.size()));
    return session.withUnit(unit.id(), run.withReplicas(next));
  }

  /** The real usage of the attempt's replicas that have ended. */
  static Usage usage(UnitRun run) {
    Usage total = Usage.NONE;
    for (ReplicaRun r : run.replicas()) {
      total = total.plus(r.usage());
    }
    return total;
  }

  /** A verified attempt's duration: from its first replica's dispatch to the verdict. */
  static long durationMs(UnitRun run, Instant at) {
    return Math.max(0, at.toEpochMilli() - run.dispatchedAt().toEpochMilli());
  }

  private static Optional<ReplicaRun> pending(UnitRun run, int attempt, int replica) {
    if (run == null || !run.inFlight() || run.attemptIndex() != attempt) {
      return Optional.empty();
    }
    return run.replicas().stream()
        .filter(r -> r.index() == replica && !r.status().ended())
        .findFirst();
  }

  /** Whether a replica other than this one is held (claimed, or ended on it) by the node. */
  private static boolean holdsAnother(UnitRun run, String nodeId, int replica) {
    return run.replicas().stream()
        .anyMatch(r -> r.index() != replica && r.nodeId() != null && r.nodeId().equals(nodeId));
  }

  private static boolean fromHolder(ReplicaRun replica, String nodeId) {
    return nodeId == null
        ? replica.status() == ReplicaRun.Status.DISPATCHED
        : replica.status() == ReplicaRun.Status.CLAIMED && nodeId.equals(replica.nodeId());
  }

  private static List<ReplicaRun> replace(List<ReplicaRun> replicas, ReplicaRun changed) {
    List<ReplicaRun> next = new ArrayList<>(replicas);
    next.set(changed.index(), changed);
    return next;
  }
}
