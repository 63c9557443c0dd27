package dev.krako.session;

import java.util.Objects;

/**
 * One replica of a verified attempt (quorum, recompute): one execution of the same declared unit
 * and attempt on one node. Replicas are not new units and not new attempts.
 *
 * @param index 0-based, in dispatch order
 * @param nodeId the node that claimed the replica, else null: only a claim sets it, so an outcome
 *     never moves a replica to another node
 * @param outputJson the output of a completed replica, else null
 * @param errorCode the error of a failed replica, else null
 */
public record ReplicaRun(
    int index,
    Status status,
    String nodeId,
    String outputJson,
    String errorCode,
    long durationMs,
    Usage usage) {

  /** Where a replica is. */
  public enum Status {
    DISPATCHED,
    CLAIMED,
    COMPLETED,
    FAILED;

    public boolean ended() {
      return this == COMPLETED || this == FAILED;
    }
  }

  public ReplicaRun {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(usage, "usage");
  }

  static ReplicaRun dispatched(int index) {
    return new ReplicaRun(index, Status.DISPATCHED, null, null, null, 0, Usage.NONE);
  }

  ReplicaRun claimed(String node) {
    return new ReplicaRun(index, Status.CLAIMED, node, null, null, 0, Usage.NONE);
  }

  ReplicaRun completed(String output, long duration, Usage used) {
    return new ReplicaRun(index, Status.COMPLETED, nodeId, output, null, duration, used);
  }

  ReplicaRun failed(String error, long duration, Usage used) {
    return new ReplicaRun(index, Status.FAILED, nodeId, null, error, duration, used);
  }
}
