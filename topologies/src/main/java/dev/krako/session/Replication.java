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

  /** The session after a replica's claim, with the next replica dispatched; empty if stale. */
  static Optional<Session> claimed(Session session, ReplicaClaimed c, List<Effect> effects) {
    UnitRun run = session.unit(c.unitId());
    Optional<ReplicaRun> replica = pending(run, c.attempt(), c.replica());
    if (replica.isEmpty() || replica.get().status() != ReplicaRun.Status.DISPATCHED) {
      return Optional.empty();
    }
    List<ReplicaRun> next = replace(run.replicas(), replica.get().claimed(c.nodeId()));
    UnitRun updated =
        run.status() == UnitStatus.DISPATCHED
            ? run.claimedReplica(c.nodeId(), next)
            : run.withReplicas(next);
    WorkUnit unit = session.graph().unit(c.unitId()).orElseThrow();
    return Optional.of(dispatchNext(session.withUnit(c.unitId(), updated), unit, effects));
  }

  /** The session with a replica's outcome recorded; empty when it is stale or a duplicate. */
  static Optional<Session> ended(Session session, ReplicaEnded e) {
    UnitRun run = session.unit(e.unitId());
    Optional<ReplicaRun> replica = pending(run, e.attempt(), e.replica());
    if (replica.isEmpty()) {
      return Optional.empty();
    }
    ReplicaRun done =
        e.errorCode() == null
            ? replica.get().completed(e.nodeId(), e.outputJson(), e.durationMs(), e.usage())
            : replica.get().failed(e.nodeId(), e.errorCode(), e.durationMs(), e.usage());
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

  private static List<ReplicaRun> replace(List<ReplicaRun> replicas, ReplicaRun changed) {
    List<ReplicaRun> next = new ArrayList<>(replicas);
    next.set(changed.index(), changed);
    return next;
  }
}
