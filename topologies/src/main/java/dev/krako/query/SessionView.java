package dev.krako.query;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.SessionState;
import dev.krako.avro.UnitExecution;
import dev.krako.avro.WorkUnitSpec;
import dev.krako.session.Usage;
import dev.krako.topology.codec.SessionCodec;
import java.time.Instant;

/**
 * The JSON a person or KORA reads for one session: its state, and per unit what a telemetry view
 * shows (status, attempts, node, timings, usage). Unit outputs are not part of it: they are the
 * session's result, on the results topic.
 */
final class SessionView {

  private SessionView() {}

  static ObjectNode of(SessionState s) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("session_id", s.getSessionId());
    node.put("graph_id", s.getGraph().getGraphId());
    node.put("request_id", s.getGraph().getRequestId());
    node.put("tenant_id", s.getGraph().getTenantId());
    node.put("status", s.getStatus().name());
    node.put("stop_reason", s.getStopReason() == null ? null : s.getStopReason().name());
    node.put("started_at", s.getStartedAt().toString());
    node.put("ended_at", time(s.getEndedAt()));
    ObjectNode units = node.putObject("units");
    Usage total = Usage.NONE;
    for (WorkUnitSpec spec : s.getGraph().getWorkUnits()) {
      UnitExecution run = s.getUnits().get(spec.getId());
      unit(units.putObject(spec.getId()), spec, run);
      total = total.plus(SessionCodec.usage(run.getUsage()));
    }
    usage(node.putObject("usage"), total);
    return node;
  }

  private static void unit(ObjectNode unit, WorkUnitSpec spec, UnitExecution run) {
    unit.put("type", spec.getType().name());
    unit.put("status", run.getStatus().name());
    unit.put("attempt_index", run.getAttemptIndex());
    unit.put("attempts_used", run.getAttemptsUsed());
    unit.put("node_id", run.getNodeId());
    unit.put("error_code", run.getErrorCode());
    unit.put("skip_reason", run.getSkipReason());
    unit.put("dispatched_at", time(run.getDispatchedAt()));
    unit.put("ended_at", time(run.getEndedAt()));
    unit.put("duration_ms", run.getDurationMs());
    unit.put("reserved_tokens", run.getReservedTokens());
    usage(unit.putObject("usage"), SessionCodec.usage(run.getUsage()));
  }

  private static void usage(ObjectNode node, Usage u) {
    node.put("cpu_ms", u.cpuMs());
    node.put("tokens_in", u.tokensIn());
    node.put("tokens_out", u.tokensOut());
    node.put("llm_calls", u.llmCalls());
  }

  private static String time(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
  }
}
