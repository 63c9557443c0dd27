package dev.krako.topology.codec;

import dev.krako.avro.ReplicaExecution;
import dev.krako.avro.SessionState;
import dev.krako.avro.UnitExecution;
import dev.krako.session.ReplicaRun;
import dev.krako.session.Session;
import dev.krako.session.SessionStatus;
import dev.krako.session.SkipReason;
import dev.krako.session.StopReason;
import dev.krako.session.UnitRun;
import dev.krako.session.UnitStatus;
import dev.krako.session.Usage;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Maps a session between the domain and the Avro value of the session store. */
public final class SessionCodec {

  private SessionCodec() {}

  public static SessionState toAvro(Session s) {
    return toAvro(s, GraphCodec.toAvro(s.graph()));
  }

  /**
   * The same as {@link #toAvro(Session)}, with the session's graph already mapped: {@code graph}
   * must be {@code GraphCodec.toAvro(s.graph())}, and nobody may change it (the orchestrator writes
   * the graph it mapped for a session's first write with each later state of that session, ADR
   * 022).
   */
  public static SessionState toAvro(Session s, dev.krako.avro.TaskGraph graph) {
    Map<String, UnitExecution> units = new LinkedHashMap<>();
    s.units().forEach((id, run) -> units.put(id, unit(run)));
    return SessionState.newBuilder()
        .setSessionId(s.sessionId())
        .setGraph(graph)
        .setStatus(status(s.status()))
        .setStopReason(s.stopReason() == null ? null : stopReason(s.stopReason()))
        .setStartedAt(s.startedAt())
        .setEndedAt(s.endedAt() == null ? null : s.endedAt().toEpochMilli())
        .setUnits(units)
        .setQuorumSize(s.quorumSize())
        .build();
  }

  public static Session toDomain(SessionState s) {
    Map<String, UnitRun> units = new LinkedHashMap<>();
    // Avro maps do not keep order: restore the graph's declaration order.
    s.getGraph()
        .getWorkUnits()
        .forEach(u -> units.put(u.getId(), unit(s.getUnits().get(u.getId()))));
    return new Session(
        s.getSessionId(),
        GraphCodec.toDomain(s.getGraph()),
        status(s.getStatus()),
        s.getStopReason() == null ? null : stopReason(s.getStopReason()),
        s.getStartedAt(),
        s.getEndedAt() == null ? null : Instant.ofEpochMilli(s.getEndedAt()),
        units,
        s.getQuorumSize());
  }

  // The enums below are mapped by exhaustive switches, not through name() and valueOf: the codec
  // runs for every unit of every event (docs/performance-jmh.md, hot spot 2), and the compiler
  // checks that every domain constant has its Avro symbol. Avro's "unknown" symbols (a reader's
  // default for a symbol it does not know) have no domain value and are rejected, as valueOf did.

  public static dev.krako.avro.SessionStatus status(SessionStatus status) {
    return switch (status) {
      case RUNNING -> dev.krako.avro.SessionStatus.running;
      case COMPLETED -> dev.krako.avro.SessionStatus.completed;
      case FAILED -> dev.krako.avro.SessionStatus.failed;
    };
  }

  static SessionStatus status(dev.krako.avro.SessionStatus status) {
    return switch (status) {
      case running -> SessionStatus.RUNNING;
      case completed -> SessionStatus.COMPLETED;
      case failed -> SessionStatus.FAILED;
    };
  }

  public static dev.krako.avro.StopReason stopReason(StopReason reason) {
    return switch (reason) {
      case SUCCESS -> dev.krako.avro.StopReason.success;
      case RETRY_EXHAUSTED -> dev.krako.avro.StopReason.retry_exhausted;
      case DEPENDENCY_FAILED -> dev.krako.avro.StopReason.dependency_failed;
      case BUDGET_EXHAUSTED -> dev.krako.avro.StopReason.budget_exhausted;
      case SUBSTRATE_FAILURE -> dev.krako.avro.StopReason.substrate_failure;
      case ADMISSION_REJECTED -> dev.krako.avro.StopReason.admission_rejected;
      case VALIDATION_FAILED -> dev.krako.avro.StopReason.validation_failed;
    };
  }

  static StopReason stopReason(dev.krako.avro.StopReason reason) {
    return switch (reason) {
      case success -> StopReason.SUCCESS;
      case retry_exhausted -> StopReason.RETRY_EXHAUSTED;
      case dependency_failed -> StopReason.DEPENDENCY_FAILED;
      case budget_exhausted -> StopReason.BUDGET_EXHAUSTED;
      case substrate_failure -> StopReason.SUBSTRATE_FAILURE;
      case admission_rejected -> StopReason.ADMISSION_REJECTED;
      case validation_failed -> StopReason.VALIDATION_FAILED;
      case unknown ->
          throw new IllegalArgumentException("A stored session has an unknown stop reason.");
    };
  }

  private static dev.krako.avro.UnitStatus unitStatus(UnitStatus status) {
    return switch (status) {
      case WAITING -> dev.krako.avro.UnitStatus.waiting;
      case DISPATCHED -> dev.krako.avro.UnitStatus.dispatched;
      case RUNNING -> dev.krako.avro.UnitStatus.running;
      case RETRY_WAIT -> dev.krako.avro.UnitStatus.retry_wait;
      case COMPLETED -> dev.krako.avro.UnitStatus.completed;
      case FAILED -> dev.krako.avro.UnitStatus.failed;
      case SKIPPED -> dev.krako.avro.UnitStatus.skipped;
      case CANCELLED -> dev.krako.avro.UnitStatus.cancelled;
    };
  }

  private static UnitStatus unitStatus(dev.krako.avro.UnitStatus status) {
    return switch (status) {
      case waiting -> UnitStatus.WAITING;
      case dispatched -> UnitStatus.DISPATCHED;
      case running -> UnitStatus.RUNNING;
      case retry_wait -> UnitStatus.RETRY_WAIT;
      case completed -> UnitStatus.COMPLETED;
      case failed -> UnitStatus.FAILED;
      case skipped -> UnitStatus.SKIPPED;
      case cancelled -> UnitStatus.CANCELLED;
    };
  }

  /** A replica's status is a plain string in the store: its lower-case name. */
  private static String replicaStatus(ReplicaRun.Status status) {
    return switch (status) {
      case DISPATCHED -> "dispatched";
      case CLAIMED -> "claimed";
      case COMPLETED -> "completed";
      case FAILED -> "failed";
    };
  }

  private static ReplicaRun.Status replicaStatus(String status) {
    return switch (status) {
      case "dispatched" -> ReplicaRun.Status.DISPATCHED;
      case "claimed" -> ReplicaRun.Status.CLAIMED;
      case "completed" -> ReplicaRun.Status.COMPLETED;
      case "failed" -> ReplicaRun.Status.FAILED;
      default -> throw new IllegalArgumentException("Unknown replica status: " + status);
    };
  }

  public static dev.krako.avro.Usage usage(Usage u) {
    return new dev.krako.avro.Usage(u.cpuMs(), u.tokensIn(), u.tokensOut(), u.llmCalls());
  }

  public static Usage usage(dev.krako.avro.Usage u) {
    return new Usage(u.getCpuMs(), u.getTokensIn(), u.getTokensOut(), u.getLlmCalls());
  }

  private static UnitExecution unit(UnitRun r) {
    return UnitExecution.newBuilder()
        .setStatus(unitStatus(r.status()))
        .setAttemptIndex(r.attemptIndex())
        .setAttemptsUsed(r.attemptsUsed())
        .setOutputJson(r.outputJson())
        .setErrorCode(r.errorCode())
        .setDispatchedAt(r.dispatchedAt() == null ? null : r.dispatchedAt().toEpochMilli())
        .setEndedAt(r.endedAt() == null ? null : r.endedAt().toEpochMilli())
        .setDurationMs(r.durationMs())
        .setUsage(usage(r.usage()))
        .setNodeId(r.nodeId())
        .setReservedTokens(r.reservedTokens())
        .setSkipReason(r.skipReason() == null ? null : r.skipReason().name())
        .setReplicas(r.replicas().stream().map(SessionCodec::replica).toList())
        .setClaimedAt(millis(r.claimedAt()))
        .setRetryAt(millis(r.retryAt()))
        .build();
  }

  private static UnitRun unit(UnitExecution u) {
    return new UnitRun(
        unitStatus(u.getStatus()),
        u.getAttemptIndex(),
        u.getAttemptsUsed(),
        u.getOutputJson(),
        u.getErrorCode(),
        u.getDispatchedAt() == null ? null : Instant.ofEpochMilli(u.getDispatchedAt()),
        u.getEndedAt() == null ? null : Instant.ofEpochMilli(u.getEndedAt()),
        u.getDurationMs(),
        usage(u.getUsage()),
        u.getNodeId(),
        u.getReservedTokens(),
        u.getSkipReason() == null ? null : SkipReason.valueOf(u.getSkipReason()),
        u.getReplicas().stream().map(SessionCodec::replica).toList(),
        instant(u.getClaimedAt()),
        instant(u.getRetryAt()));
  }

  private static ReplicaExecution replica(ReplicaRun r) {
    return ReplicaExecution.newBuilder()
        .setReplicaIndex(r.index())
        .setStatus(replicaStatus(r.status()))
        .setNodeId(r.nodeId())
        .setOutputJson(r.outputJson())
        .setErrorCode(r.errorCode())
        .setDurationMs(r.durationMs())
        .setUsage(usage(r.usage()))
        .build();
  }

  private static ReplicaRun replica(ReplicaExecution r) {
    return new ReplicaRun(
        r.getReplicaIndex(),
        replicaStatus(r.getStatus()),
        r.getNodeId(),
        r.getOutputJson(),
        r.getErrorCode(),
        r.getDurationMs(),
        usage(r.getUsage()));
  }

  /**
   * An instant as epoch millis, null as null. A retry due beyond the range of a long (a backoff
   * near Long.MAX_VALUE ms) is kept as Long.MAX_VALUE: it never comes due either way.
   */
  private static Long millis(Instant at) {
    if (at == null) {
      return null;
    }
    try {
      return at.toEpochMilli();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  private static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }
}
