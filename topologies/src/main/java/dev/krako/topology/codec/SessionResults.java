package dev.krako.topology.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionTelemetry;
import dev.krako.avro.UnitTelemetry;
import dev.krako.graph.UnitType;
import dev.krako.graph.WorkUnit;
import dev.krako.session.Session;
import dev.krako.session.UnitRun;
import dev.krako.session.UnitStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/** Builds the record KORA receives for a finished session (CONTRACT.md section 6). */
public final class SessionResults {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SessionResults() {}

  public static SessionResult of(Session s) {
    List<UnitTelemetry> units =
        s.graph().workUnits().stream().map(u -> unit(u, s.unit(u.id()))).toList();
    long tokens = units.stream().mapToLong(u -> u.getTokensIn() + u.getTokensOut()).sum();
    int modelCalls = s.units().values().stream().mapToInt(r -> r.usage().llmCalls()).sum();
    int deterministic =
        (int)
            s.graph().workUnits().stream()
                .filter(u -> u.type() == UnitType.DETERMINISTIC)
                .filter(u -> s.unit(u.id()).status() == UnitStatus.COMPLETED)
                .count();
    return SessionResult.newBuilder()
        .setGraphId(s.graph().graphId())
        .setRequestId(s.graph().requestId())
        .setTenantId(s.graph().tenantId())
        .setSessionId(s.sessionId())
        .setStatus(SessionCodec.status(s.status()))
        .setStopReason(SessionCodec.stopReason(s.stopReason()))
        .setFinalOutputJson(finalOutput(s))
        .setTelemetry(
            SessionTelemetry.newBuilder()
                .setTotalLatencyMs(Duration.between(s.startedAt(), s.endedAt()).toMillis())
                .setTotalTokens(tokens)
                .setModelInvocationCount(modelCalls)
                .setDeterministicCount(deterministic)
                .setUnits(units)
                .build())
        .build();
  }

  /**
   * The output of the single final unit, or an object of outputs by unit id when the graph has
   * several; null when no final unit produced an output.
   */
  static String finalOutput(Session s) {
    List<String> finals = s.graph().finalOutputs();
    if (finals.size() == 1) {
      return s.unit(finals.get(0)).outputJson();
    }
    ObjectNode outputs = JSON.createObjectNode();
    boolean any = false;
    for (String id : finals) {
      String output = s.unit(id).outputJson();
      if (output != null) {
        outputs.set(id, parse(output));
        any = true;
      }
    }
    return any ? outputs.toString() : null;
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      // Workers only report JSON objects; keep anything else as text rather than lose it.
      return JSON.getNodeFactory().textNode(json);
    }
  }

  private static UnitTelemetry unit(WorkUnit unit, UnitRun run) {
    return UnitTelemetry.newBuilder()
        .setWorkUnitId(unit.id())
        .setType(GraphCodec.type(unit.type()))
        .setStatus(run.status().name().toLowerCase(Locale.ROOT))
        .setDurationMs(run.durationMs())
        .setTokensIn(run.usage().tokensIn())
        .setTokensOut(run.usage().tokensOut())
        .setAttempts(run.attemptsUsed())
        .setValidationStatus(validationStatus(unit, run))
        .build();
  }

  /** Outputs that failed their verification: the unit's output was checked and judged wrong. */
  private static final java.util.Set<String> VERIFICATION_FAILURES =
      java.util.Set.of(
          "SCHEMA_MISMATCH", // the worker's code for an output that failed its output_schema
          dev.krako.session.Quorum.QUORUM_NOT_REACHED,
          dev.krako.session.Quorum.RECOMPUTE_MISMATCH);

  /**
   * CONTRACT.md §6 {@code validation_status}: {@code passed} when a verified unit completed (its
   * output passed its schema, or won its quorum), {@code failed} when its last attempt failed its
   * verification, {@code not_checked} otherwise (no verification declared, or the unit never
   * produced an output to check).
   */
  static String validationStatus(WorkUnit unit, UnitRun run) {
    if (unit.verificationMode() == dev.krako.graph.VerificationMode.NONE) {
      return "not_checked";
    }
    if (run.status() == UnitStatus.COMPLETED) {
      return "passed";
    }
    if (run.status() == UnitStatus.FAILED && VERIFICATION_FAILURES.contains(run.errorCode())) {
      return "failed";
    }
    return "not_checked";
  }
}
