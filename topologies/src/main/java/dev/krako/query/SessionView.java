package dev.krako.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.SessionState;
import dev.krako.avro.UnitExecution;
import dev.krako.avro.WorkUnitSpec;

/** The JSON a person or KORA reads for one session's state. */
final class SessionView {

  private SessionView() {}

  static ObjectNode of(SessionState s, ObjectMapper json) {
    ObjectNode node = json.createObjectNode();
    node.put("session_id", s.getSessionId());
    node.put("graph_id", s.getGraph().getGraphId());
    node.put("request_id", s.getGraph().getRequestId());
    node.put("tenant_id", s.getGraph().getTenantId());
    node.put("status", s.getStatus().name());
    node.put("stop_reason", s.getStopReason() == null ? null : s.getStopReason().name());
    node.put("started_at", s.getStartedAt().toString());
    node.put(
        "ended_at",
        s.getEndedAt() == null ? null : java.time.Instant.ofEpochMilli(s.getEndedAt()).toString());
    ObjectNode units = node.putObject("units");
    for (WorkUnitSpec spec : s.getGraph().getWorkUnits()) {
      UnitExecution run = s.getUnits().get(spec.getId());
      ObjectNode unit = units.putObject(spec.getId());
      unit.put("type", spec.getType().name());
      unit.put("status", run.getStatus().name());
      unit.put("attempt_index", run.getAttemptIndex());
      unit.put("attempts_used", run.getAttemptsUsed());
      unit.put("node_id", run.getNodeId());
      unit.put("error_code", run.getErrorCode());
    }
    return node;
  }
}
