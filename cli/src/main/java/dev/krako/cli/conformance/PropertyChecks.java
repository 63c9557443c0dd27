package dev.krako.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.avro.Event;
import dev.krako.avro.SessionEnded;
import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.StopReason;
import dev.krako.avro.UnitTelemetry;
import dev.krako.avro.Usage;
import dev.krako.avro.Violation;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitSkipped;
import dev.krako.events.EventTypes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the conformance properties of one graph: what Krako did ({@link Observed}) against what
 * KORA's semantics expect ({@link Expected}). A property that does not concern a graph gives no
 * verdict (a table cell "–").
 */
final class PropertyChecks {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CorpusGraph graph;
  private final Expected expected;
  private final Observed observed;
  private final List<Verdict> verdicts = new ArrayList<>();
  private boolean deadline;

  private PropertyChecks(CorpusGraph graph, Expected expected, Observed observed) {
    this.graph = graph;
    this.expected = expected;
    this.observed = observed;
  }

  static List<Verdict> check(CorpusGraph graph, Expected expected, Observed observed) {
    PropertyChecks c = new PropertyChecks(graph, expected, observed);
    if (expected.rejected()) {
      c.version();
      return c.verdicts;
    }
    if (observed.result() == null) {
      c.add(Property.OUTCOME, List.of("no result (rejection: " + observed.rejection() + ")"));
      return c.verdicts;
    }
    c.deadline =
        observed.result().getStopReason() == StopReason.budget_exhausted
            && observed.result().getTelemetry().getTotalLatencyMs() >= expected.maxLatencyMs();
    c.outcome();
    c.budget();
    c.deterministicFirst();
    c.schema();
    c.retryCap();
    c.escalation();
    c.replay();
    c.telemetry();
    return c.verdicts;
  }

  private void add(Property p, List<String> problems) {
    add(p, problems, null);
  }

  private void add(Property p, List<String> problems, String note) {
    verdicts.add(new Verdict(p, graph, problems, deadline, note));
  }

  private UnitTelemetry telemetry(String unitId) {
    return observed.result().getTelemetry().getUnits().stream()
        .filter(u -> u.getWorkUnitId().equals(unitId))
        .findFirst()
        .orElse(null);
  }

  private void outcome() {
    List<String> p = new ArrayList<>();
    SessionResult r = observed.result();
    if (!deadline) {
      same(p, "status", expected.status(), r.getStatus().name());
      same(p, "stop_reason", expected.stopReason(), r.getStopReason().name());
      same(
          p,
          "model_invocation_count",
          expected.modelCalls(),
          r.getTelemetry().getModelInvocationCount());
      same(p, "total_tokens", expected.tokens(), r.getTelemetry().getTotalTokens());
    }
    for (UnitExpectation u : expected.units()) {
      UnitTelemetry t = telemetry(u.id());
      if (t == null) {
        p.add(u.id() + ": no telemetry");
        continue;
      }
      if (deadline && t.getStatus().equals("cancelled")) {
        continue; // the deadline stopped it: KORA, which has no deadline, cannot say more
      }
      boolean notRunOk =
          u.status().equals("not_run")
              && !t.getStatus().equals("completed")
              && !t.getStatus().equals("failed");
      if (!notRunOk) {
        same(p, u.id() + ".status", u.status(), t.getStatus());
      }
      if (u.status().equals("completed") || u.status().equals("failed")) {
        same(p, u.id() + ".attempts", u.attempts(), t.getAttempts());
        same(p, u.id() + ".tokens_in", u.tokensIn(), t.getTokensIn());
        same(p, u.id() + ".tokens_out", u.tokensOut(), t.getTokensOut());
      }
      if (u.output() != null) {
        JsonNode actual = completedOutput(u.id());
        Iterator<Map.Entry<String, JsonNode>> fields = u.output().fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> f = fields.next();
          if (actual == null || !f.getValue().equals(actual.get(f.getKey()))) {
            p.add(
                u.id()
                    + ".output."
                    + f.getKey()
                    + ": expected "
                    + f.getValue()
                    + ", got "
                    + (actual == null ? "no output" : actual.get(f.getKey())));
          }
        }
      }
    }
    add(
        Property.OUTCOME,
        p,
        deadline
            ? "ended budget_exhausted after "
                + r.getTelemetry().getTotalLatencyMs()
                + " ms of a "
                + expected.maxLatencyMs()
                + " ms time budget"
            : null);
  }

  private JsonNode completedOutput(String unitId) {
    for (Event e : observed.eventsOf(unitId)) {
      if (e.getPayload() instanceof WorkUnitCompleted c && c.getOutputJson() != null) {
        try {
          return JSON.readTree(c.getOutputJson());
        } catch (IOException ex) {
          return null;
        }
      }
    }
    return null;
  }

  private void budget() {
    List<String> p = new ArrayList<>();
    var t = observed.result().getTelemetry();
    if (t.getTotalTokens() > expected.maxTokens()) {
      p.add("total_tokens " + t.getTotalTokens() + " > max_tokens " + expected.maxTokens());
    }
    if (t.getModelInvocationCount() > expected.maxLlmCalls()) {
      p.add("model calls " + t.getModelInvocationCount() + " > cap " + expected.maxLlmCalls());
    }
    for (UnitExpectation u : expected.units()) {
      UnitTelemetry ut = telemetry(u.id());
      if (ut != null && ut.getAttempts() > u.maxAttempts()) {
        p.add(u.id() + ": " + ut.getAttempts() + " attempts > max " + u.maxAttempts());
      }
    }
    add(Property.BUDGET, p);
  }

  private void deterministicFirst() {
    if (expected.modelCalls() > 0) {
      return;
    }
    List<String> p = new ArrayList<>();
    same(
        p, "model_invocation_count", 0, observed.result().getTelemetry().getModelInvocationCount());
    same(p, "llm.invocation.started events", 0L, observed.count(EventTypes.LLM_STARTED));
    add(Property.DETERMINISTIC_FIRST, p);
  }

  private void schema() {
    List<String> p = new ArrayList<>();
    boolean applies = false;
    for (UnitExpectation u : expected.units()) {
      if (!"SCHEMA_MISMATCH".equals(u.errorCode())
          && !(u.llm() && u.status().equals("completed"))) {
        continue;
      }
      UnitTelemetry t = telemetry(u.id());
      if (t == null || t.getStatus().equals("cancelled")) {
        continue;
      }
      applies = true;
      List<String> codes =
          observed.eventsOf(u.id()).stream()
              .filter(e -> e.getPayload() instanceof WorkUnitFailed)
              .map(e -> ((WorkUnitFailed) e.getPayload()).getErrorCode())
              .toList();
      if ("SCHEMA_MISMATCH".equals(u.errorCode())) {
        if (codes.size() != u.attempts() || !codes.stream().allMatch("SCHEMA_MISMATCH"::equals)) {
          p.add(u.id() + ": expected " + u.attempts() + " SCHEMA_MISMATCH failures, got " + codes);
        }
      } else if (!codes.isEmpty()) {
        p.add(u.id() + ": a valid output failed " + codes);
      }
    }
    if (applies) {
      add(Property.SCHEMA, p);
    }
  }

  private void retryCap() {
    List<String> p = new ArrayList<>();
    for (UnitExpectation u : expected.units()) {
      Set<Integer> attempts = new TreeSet<>();
      observed.eventsOf(u.id()).stream()
          .filter(e -> e.getEventType().equals(EventTypes.UNIT_SCHEDULED))
          .forEach(e -> attempts.add(e.getAttemptIndex()));
      if (attempts.size() > u.maxAttempts()) {
        p.add(u.id() + ": scheduled attempts " + attempts + " > max " + u.maxAttempts());
      }
      UnitTelemetry t = telemetry(u.id());
      boolean ended = t != null && !t.getStatus().equals("cancelled");
      if (!u.status().equals("not_run") && ended && attempts.size() != u.attempts()) {
        p.add(u.id() + ": scheduled attempts " + attempts + ", KORA makes " + u.attempts());
      }
    }
    add(Property.RETRY_CAP, p);
  }

  private void escalation() {
    List<String> p = new ArrayList<>();
    boolean applies = false;
    Set<String> declared = new HashSet<>();
    expected.units().forEach(u -> declared.add(u.id()));
    observed.events().stream()
        .map(Event::getWorkUnitId)
        .filter(id -> id != null && !declared.contains(id))
        .distinct()
        .forEach(id -> p.add("undeclared unit " + id));
    for (UnitExpectation u : expected.units()) {
      if (u.activationHeld() == null) {
        continue;
      }
      applies = true;
      long scheduled = observed.count(u.id(), EventTypes.UNIT_SCHEDULED);
      if (u.activationHeld() && scheduled == 0) {
        p.add(u.id() + ": condition holds but the step never ran");
      }
      if (!u.activationHeld()) {
        String reason =
            observed.eventsOf(u.id()).stream()
                .filter(e -> e.getPayload() instanceof WorkUnitSkipped)
                .map(e -> ((WorkUnitSkipped) e.getPayload()).getReason())
                .findFirst()
                .orElse("none");
        if (scheduled > 0 || !reason.equals("activation_not_met")) {
          p.add(u.id() + ": condition does not hold, scheduled " + scheduled + "×, skip " + reason);
        }
      }
    }
    if (applies || !p.isEmpty()) {
      add(Property.ESCALATION, p);
    }
  }

  /** The result's outcome and token totals follow from the event log alone. */
  private void replay() {
    List<String> p = new ArrayList<>();
    Map<String, String> status = new HashMap<>();
    long tokens = 0;
    SessionEnded ended = null;
    for (Event e : observed.events()) {
      if (ended != null) {
        break; // the result is written at the session's end: later events are not in it
      }
      Object payload = e.getPayload();
      if (payload instanceof WorkUnitCompleted c) {
        status.put(e.getWorkUnitId(), "completed");
        tokens += tokens(c.getUsage());
      } else if (payload instanceof WorkUnitFailed f) {
        status.put(e.getWorkUnitId(), "failed");
        tokens += tokens(f.getUsage());
      } else if (payload instanceof WorkUnitSkipped) {
        status.putIfAbsent(e.getWorkUnitId(), "skipped");
      } else if (payload instanceof SessionEnded s) {
        ended = s;
      }
    }
    SessionResult r = observed.result();
    if (ended == null) {
      p.add("no session end event");
    } else {
      same(p, "log stop_reason", r.getStopReason().name(), ended.getStopReason().name());
    }
    same(p, "log tokens", r.getTelemetry().getTotalTokens(), tokens);
    for (UnitTelemetry t : r.getTelemetry().getUnits()) {
      if (t.getStatus().equals("completed") || t.getStatus().equals("failed")) {
        same(p, t.getWorkUnitId() + " log status", t.getStatus(), status.get(t.getWorkUnitId()));
      }
    }
    add(Property.REPLAY, p);
  }

  private static long tokens(Usage u) {
    return u == null ? 0 : u.getTokensIn() + u.getTokensOut();
  }

  private void telemetry() {
    List<String> p = new ArrayList<>();
    same(p, "session.started events", 1L, observed.count(EventTypes.SESSION_STARTED));
    String end =
        observed.result().getStatus() == SessionStatus.completed
            ? EventTypes.SESSION_COMPLETED
            : EventTypes.SESSION_FAILED;
    same(p, end + " events", 1L, observed.count(end));
    same(
        p,
        "telemetry units",
        expected.units().size(),
        observed.result().getTelemetry().getUnits().size());
    // Over the whole log: a call still running when the session ended is in the log, and billed.
    same(
        p,
        "llm.invocation.started = model_invocation_count",
        (long) observed.result().getTelemetry().getModelInvocationCount(),
        observed.count(EventTypes.LLM_STARTED));
    same(
        p,
        "llm.invocation ends = starts",
        observed.count(EventTypes.LLM_STARTED),
        observed.count(EventTypes.LLM_COMPLETED) + observed.count(EventTypes.LLM_FAILED));
    for (UnitExpectation u : expected.units()) {
      UnitTelemetry t = telemetry(u.id());
      if (t == null) {
        continue;
      }
      switch (t.getStatus()) {
        case "completed", "failed" -> {
          long scheduled = observed.count(u.id(), EventTypes.UNIT_SCHEDULED);
          long started = observed.count(u.id(), EventTypes.UNIT_STARTED);
          long ends =
              observed.count(u.id(), EventTypes.UNIT_COMPLETED)
                  + observed.count(u.id(), EventTypes.UNIT_FAILED);
          if (scheduled != t.getAttempts()
              || started != t.getAttempts()
              || ends != t.getAttempts()) {
            p.add(
                u.id()
                    + ": "
                    + t.getAttempts()
                    + " attempts but scheduled/started/ended "
                    + scheduled
                    + "/"
                    + started
                    + "/"
                    + ends);
          }
          if (t.getAttempts() > 1
              && observed.count(u.id(), EventTypes.UNIT_RETRY_SCHEDULED) != t.getAttempts() - 1) {
            p.add(u.id() + ": retries without workunit.retry.scheduled");
          }
        }
        case "skipped" ->
            same(
                p,
                u.id() + " workunit.skipped",
                1L,
                observed.count(u.id(), EventTypes.UNIT_SKIPPED));
        default -> {}
      }
    }
    add(Property.TELEMETRY, p);
  }

  private void version() {
    List<String> p = new ArrayList<>();
    if (observed.rejection() == null) {
      p.add(
          observed.result() == null
              ? "no rejection seen"
              : "accepted: " + observed.result().getStatus());
    } else {
      List<String> codes =
          observed.rejection().getViolations().stream().map(Violation::getCode).toList();
      if (!codes.contains(expected.rejectionCode())) {
        p.add("rejected with " + codes + ", not " + expected.rejectionCode());
      }
    }
    add(Property.VERSION, p);
  }

  private static void same(List<String> problems, String what, Object expected, Object actual) {
    if (!Objects.equals(expected, actual)) {
      problems.add(what + ": expected " + expected + ", got " + actual);
    }
  }
}
