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
import java.util.Locale;
import java.util.Map;

/** Maps a session between the domain and the Avro value of the session store. */
public final class SessionCodec {

  private SessionCodec() {}

  public static SessionState toAvro(Session s) {
    Map<String, UnitExecution> units = new LinkedHashMap<>();
    s.units().forEach((id, run) -> units.put(id, unit(run)));
    return SessionState.newBuilder()
        .setSessionId(s.sessionId())
        .setGraph(GraphCodec.toAvro(s.graph()))
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
        SessionStatus.valueOf(s.getStatus().name().toUpperCase(Locale.ROOT)),
        s.getStopReason() == null
            ? null
            : StopReason.valueOf(s.getStopReason().name().toUpperCase(Locale.ROOT)),
        s.getStartedAt(),
        s.getEndedAt() == null ? null : Instant.ofEpochMilli(s.getEndedAt()),
        units,
        s.getQuorumSize());
  }

  public static dev.krako.avro.SessionStatus status(SessionStatus status) {
    return dev.krako.avro.SessionStatus.valueOf(status.name().toLowerCase(Locale.ROOT));
  }

  public static dev.krako.avro.StopReason stopReason(StopReason reason) {
    return dev.krako.avro.StopReason.valueOf(reason.name().toLowerCase(Locale.ROOT));
  }

  public static dev.krako.avro.Usage usage(Usage u) {
    return new dev.krako.avro.Usage(u.cpuMs(), u.tokensIn(), u.tokensOut(), u.llmCalls());
  }

  public static Usage usage(dev.krako.avro.Usage u) {
    return new Usage(u.getCpuMs(), u.getTokensIn(), u.getTokensOut(), u.getLlmCalls());
  }

  private static UnitExecution unit(UnitRun r) {
    return UnitExecution.newBuilder()
        .setStatus(dev.krako.avro.UnitStatus.valueOf(r.status().name().toLowerCase(Locale.ROOT)))
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
        .build();
  }

  private static UnitRun unit(UnitExecution u) {
    return new UnitRun(
        UnitStatus.valueOf(u.getStatus().name().toUpperCase(Locale.ROOT)),
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
        u.getReplicas().stream().map(SessionCodec::replica).toList());
  }

  private static ReplicaExecution replica(ReplicaRun r) {
    return ReplicaExecution.newBuilder()
        .setReplicaIndex(r.index())
        .setStatus(r.status().name().toLowerCase(Locale.ROOT))
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
        ReplicaRun.Status.valueOf(r.getStatus().toUpperCase(Locale.ROOT)),
        r.getNodeId(),
        r.getOutputJson(),
        r.getErrorCode(),
        r.getDurationMs(),
        usage(r.getUsage()));
  }
}
