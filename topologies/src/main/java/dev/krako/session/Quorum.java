package dev.krako.session;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.krako.graph.VerificationMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verdict on the replicas of a verified attempt, as a pure function of the mode, the replica
 * count and the replicas' outcomes (docs/adr/009-verification-replicas.md).
 *
 * <p>Outputs are compared as JSON values (object members in any order, numbers by their JSON value
 * as Jackson reads them). An output wins when more than half of <em>all</em> the attempt's replicas
 * produced it — a strict majority of N, not of the replicas that completed. {@code recompute} is
 * the case N = 2: both replicas must agree.
 *
 * <p>Without a majority the attempt fails, with the first of these that applies: {@value
 * #NO_DISTINCT_NODE} when a replica could not find a node of its own; {@value #QUORUM_NOT_REACHED}
 * (quorum) or {@value #RECOMPUTE_MISMATCH} (recompute) when every replica completed but they
 * disagree; otherwise the error code of the lowest replica that failed (its failure is why there is
 * no majority).
 */
public final class Quorum {

  /** Every replica of a quorum attempt completed, and no output has a majority. */
  public static final String QUORUM_NOT_REACHED = "QUORUM_NOT_REACHED";

  /** Both replicas of a recompute attempt completed, with different outputs. */
  public static final String RECOMPUTE_MISMATCH = "RECOMPUTE_MISMATCH";

  /** The pool could not give a replica a node that runs no other replica of its attempt. */
  public static final String NO_DISTINCT_NODE = "NO_DISTINCT_NODE";

  private static final ObjectMapper JSON = new ObjectMapper();

  private Quorum() {}

  /** How one replica fared in the verdict; only the first two say anything about its node. */
  public enum Vote {
    /** Its output is the majority output. */
    AGREED,
    /** It completed with an output that lost to the majority. */
    DISAGREED,
    /** It completed (or was still running), but there is no majority to judge it by. */
    UNRESOLVED,
    /** It failed: its failure already counts against its node. */
    FAILED
  }

  /** One replica's vote. */
  public record ReplicaVote(int replicaIndex, String nodeId, Vote vote) {}

  /** The verdict: an output that won, or a failure. */
  public sealed interface Verdict {
    List<ReplicaVote> votes();
  }

  /** The majority output won; {@code nodeId} is the node of the lowest replica that produced it. */
  public record Agreed(String outputJson, String nodeId, List<ReplicaVote> votes)
      implements Verdict {}

  /** No output won. */
  public record Failed(String errorCode, List<ReplicaVote> votes) implements Verdict {}

  /**
   * Judges the replicas of one attempt.
   *
   * @param replicaCount N, the replicas the attempt runs (every one must have ended, unless one
   *     failed with {@value #NO_DISTINCT_NODE})
   */
  public static Verdict judge(VerificationMode mode, int replicaCount, List<ReplicaRun> replicas) {
    Map<JsonNode, List<ReplicaRun>> byOutput = new LinkedHashMap<>();
    for (ReplicaRun r : replicas) {
      if (r.status() == ReplicaRun.Status.COMPLETED) {
        byOutput.computeIfAbsent(value(r.outputJson()), k -> new ArrayList<>()).add(r);
      }
    }
    for (List<ReplicaRun> group : byOutput.values()) {
      if (group.size() * 2 > replicaCount) {
        ReplicaRun first = group.get(0);
        return new Agreed(first.outputJson(), first.nodeId(), votes(replicas, group));
      }
    }
    return new Failed(failure(mode, replicaCount, replicas), votes(replicas, List.of()));
  }

  private static String failure(VerificationMode mode, int replicaCount, List<ReplicaRun> all) {
    if (all.stream().anyMatch(r -> NO_DISTINCT_NODE.equals(r.errorCode()))) {
      return NO_DISTINCT_NODE;
    }
    long completed = all.stream().filter(r -> r.status() == ReplicaRun.Status.COMPLETED).count();
    if (completed == replicaCount) {
      return mode == VerificationMode.RECOMPUTE ? RECOMPUTE_MISMATCH : QUORUM_NOT_REACHED;
    }
    return all.stream()
        .filter(r -> r.status() == ReplicaRun.Status.FAILED)
        .map(ReplicaRun::errorCode)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("A verdict needs every replica ended."));
  }

  private static List<ReplicaVote> votes(List<ReplicaRun> all, List<ReplicaRun> winners) {
    List<ReplicaVote> votes = new ArrayList<>();
    for (ReplicaRun r : all) {
      Vote vote;
      if (r.status() == ReplicaRun.Status.FAILED) {
        vote = Vote.FAILED;
      } else if (r.status() != ReplicaRun.Status.COMPLETED || winners.isEmpty()) {
        // Still running when another replica found no node: nothing to judge it by either.
        vote = Vote.UNRESOLVED;
      } else {
        vote = winners.contains(r) ? Vote.AGREED : Vote.DISAGREED;
      }
      votes.add(new ReplicaVote(r.index(), r.nodeId(), vote));
    }
    return votes;
  }

  /** An output as a JSON value; text that is not JSON compares as itself. */
  private static JsonNode value(String outputJson) {
    try {
      return JSON.readTree(outputJson);
    } catch (JsonProcessingException e) {
      return TextNode.valueOf(outputJson);
    }
  }
}
