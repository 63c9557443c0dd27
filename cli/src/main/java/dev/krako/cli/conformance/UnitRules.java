package dev.krako.cli.conformance;

import dev.krako.avro.Event;
import dev.krako.avro.LlmInvocation;
import dev.krako.avro.UnitTelemetry;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitRetryScheduled;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.avro.WorkUnitSkipped;
import dev.krako.avro.WorkUnitStarted;
import dev.krako.avro.WorkUnitType;
import dev.krako.cli.conformance.TelemetryCompleteness.Violation;
import dev.krako.events.EventTypes;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One unit of a session against its telemetry: every attempt scheduled, and {@code claimed →
 * started → completed | failed} in log order on one node (the worker's own writes; a CPU pool may
 * claim a dispatch before the orchestrator's {@code workunit.scheduled} of it is in the log, ADR
 * 025), every attempt but the last failed (or timed out) and followed by {@code
 * workunit.retry.scheduled} for the next, the last one's outcome the unit's status, a skipped
 * unit's reason of the closed set, an {@code llm} attempt's model calls each started and ended with
 * usage, and the unit's telemetry (attempts, duration, tokens) the sum of its attempts' reports.
 */
final class UnitRules {

  static final Set<String> STATUSES = Set.of("completed", "failed", "skipped", "cancelled");
  static final Set<String> VALIDATION = Set.of("passed", "failed", "not_checked");
  static final Set<String> SKIP_REASONS =
      Set.of(
          "skip_if",
          "activation_not_met",
          "dependency_failed",
          "dependency_skipped",
          "session_ended");

  private final String session;
  private final UnitTelemetry t;
  private final List<Event> events;
  private final List<Violation> found;

  private UnitRules(String session, UnitTelemetry t, List<Event> events, List<Violation> found) {
    this.session = session;
    this.t = t;
    this.events = events;
    this.found = found;
  }

  static void check(String session, UnitTelemetry t, List<Event> events, List<Violation> found) {
    new UnitRules(session, t, events, found).check();
  }

  private void check() {
    require(STATUSES.contains(t.getStatus()), "status " + t.getStatus() + " is not of the set");
    require(
        VALIDATION.contains(t.getValidationStatus()),
        "validation_status " + t.getValidationStatus() + " is not of the set");
    List<Event> skips = of(EventTypes.UNIT_SKIPPED, -1);
    for (Event skip : skips) {
      String reason = ((WorkUnitSkipped) skip.getPayload()).getReason();
      require(SKIP_REASONS.contains(reason), "skipped with reason '" + reason + "'");
    }
    TreeSet<Integer> attempts = new TreeSet<>();
    for (Event s : of(EventTypes.UNIT_SCHEDULED, -1)) {
      attempts.add(s.getAttemptIndex());
      WorkUnitType type = ((WorkUnitScheduled) s.getPayload()).getType();
      require(type == t.getType(), "scheduled as " + type + ", telemetry type " + t.getType());
    }
    if ("skipped".equals(t.getStatus())) {
      require(skips.size() == 1, skips.size() + " workunit.skipped events, not 1");
      require(attempts.isEmpty() && t.getAttempts() == 0, "skipped, yet attempted");
      return;
    }
    if ("cancelled".equals(t.getStatus())) {
      require(t.getAttempts() <= attempts.size(), "more attempts than were scheduled");
      return;
    }
    require(!attempts.isEmpty(), "ended " + t.getStatus() + " without workunit.scheduled");
    require(
        attempts.isEmpty() || attempts.last() == attempts.size() - 1,
        "attempts " + attempts + " are not 0..n-1");
    require(
        t.getAttempts() == attempts.size(),
        "telemetry attempts " + t.getAttempts() + ", " + attempts.size() + " scheduled");
    long duration = 0;
    long tokensIn = 0;
    long tokensOut = 0;
    for (int attempt : attempts) {
      Event outcome = attempt(attempt, attempt == attempts.last());
      if (outcome != null) {
        duration += durationOf(outcome);
        tokensIn += usageOf(outcome).getTokensIn();
        tokensOut += usageOf(outcome).getTokensOut();
        calls(attempt, outcome);
      }
    }
    require(
        t.getDurationMs() == duration,
        "duration_ms " + t.getDurationMs() + ", reports " + duration);
    require(t.getTokensIn() == tokensIn, "tokens_in " + t.getTokensIn() + ", reports " + tokensIn);
    require(
        t.getTokensOut() == tokensOut, "tokens_out " + t.getTokensOut() + ", reports " + tokensOut);
  }

  /** One attempt's sequence; its outcome event, or null when it has none (a timeout). */
  private Event attempt(int attempt, boolean last) {
    int scheduled = index(EventTypes.UNIT_SCHEDULED, attempt);
    int claimed = index(EventTypes.UNIT_CLAIMED, attempt);
    int started = index(EventTypes.UNIT_STARTED, attempt);
    int completed = index(EventTypes.UNIT_COMPLETED, attempt);
    int failed = index(EventTypes.UNIT_FAILED, attempt);
    String at = "attempt " + attempt + ": ";
    require(completed < 0 || failed < 0, at + "both completed and failed");
    int outcome = Math.max(completed, failed);
    if (outcome >= 0) {
      // The attempt is scheduled (attempts are read from workunit.scheduled), maybe after its
      // claim.
      boolean inOrder = claimed >= 0 && claimed < started && started < outcome;
      require(
          inOrder,
          at
              + "not claimed < started < "
              + events.get(outcome).getEventType()
              + " (log positions "
              + claimed
              + ", "
              + started
              + ", "
              + outcome
              + ")");
      if (inOrder) {
        sameNode(at, claimed, started, outcome);
      }
    }
    if (last) {
      String expected = "completed".equals(t.getStatus()) ? EventTypes.UNIT_COMPLETED : null;
      if ("failed".equals(t.getStatus())) {
        expected = EventTypes.UNIT_FAILED;
      }
      require(
          outcome >= 0 && events.get(outcome).getEventType().equals(expected),
          at + "the last attempt of a " + t.getStatus() + " unit does not end " + expected);
    } else {
      require(completed < 0, at + "completed, yet retried");
      int retry = retryTo(attempt + 1);
      require(
          retry > Math.max(outcome, scheduled)
              && retry < index(EventTypes.UNIT_SCHEDULED, attempt + 1),
          at + "no workunit.retry.scheduled between it and attempt " + (attempt + 1));
    }
    return outcome < 0 ? null : events.get(outcome);
  }

  /** An llm attempt's model calls: each started one ended, with usage; none for other types. */
  private void calls(int attempt, Event outcome) {
    List<Event> started = of(EventTypes.LLM_STARTED, attempt);
    List<Event> completed = of(EventTypes.LLM_COMPLETED, attempt);
    List<Event> failed = of(EventTypes.LLM_FAILED, attempt);
    String at = "attempt " + attempt + ": ";
    if (t.getType() != WorkUnitType.llm) {
      require(
          started.size() + completed.size() + failed.size() == 0,
          at + "model calls of a " + t.getType() + " unit");
      return;
    }
    require(
        !started.isEmpty() || EventTypes.UNIT_FAILED.equals(outcome.getEventType()),
        at + "an llm attempt completed without llm.invocation.started");
    require(
        completed.size() + failed.size() == started.size(),
        at
            + started.size()
            + " model calls started, "
            + (completed.size() + failed.size())
            + " ended");
    int unitStarted = index(EventTypes.UNIT_STARTED, attempt);
    long tokensIn = 0;
    long tokensOut = 0;
    for (Event call : started) {
      require(events.indexOf(call) > unitStarted, at + "a model call before workunit.started");
    }
    for (Event call : completed) {
      LlmInvocation c = (LlmInvocation) call.getPayload();
      require(
          !EnvelopeRules.blank(c.getModel())
              && !EnvelopeRules.blank(c.getTier())
              && !EnvelopeRules.blank(c.getNodeId()),
          at + "a completed model call without model, tier or node");
      require(
          c.getUsage() != null && c.getUsage().getTokensIn() + c.getUsage().getTokensOut() > 0,
          at + "a completed model call without token usage");
      tokensIn += c.getUsage().getTokensIn();
      tokensOut += c.getUsage().getTokensOut();
    }
    for (Event call : failed) {
      require(
          !EnvelopeRules.blank(((LlmInvocation) call.getPayload()).getError()),
          at + "a failed model call without its error");
    }
    Usage reported = usageOf(outcome);
    require(
        reported.getTokensIn() == tokensIn && reported.getTokensOut() == tokensOut,
        at
            + "the attempt reports "
            + reported.getTokensIn()
            + "/"
            + reported.getTokensOut()
            + " tokens, its model calls "
            + tokensIn
            + "/"
            + tokensOut);
    require(
        reported.getLlmCalls() == started.size(),
        at
            + "the attempt reports "
            + reported.getLlmCalls()
            + " model calls, the log has "
            + started.size());
  }

  private void sameNode(String at, int claimed, int started, int outcome) {
    String node = ((WorkUnitClaimed) events.get(claimed).getPayload()).getNodeId();
    require(!EnvelopeRules.blank(node), at + "claimed without a node_id");
    require(
        node.equals(((WorkUnitStarted) events.get(started).getPayload()).getNodeId()),
        at + "claimed and started on different nodes");
    Object payload = events.get(outcome).getPayload();
    String reporter =
        payload instanceof WorkUnitCompleted c
            ? c.getNodeId()
            : ((WorkUnitFailed) payload).getNodeId();
    require(reporter == null || reporter.equals(node), at + "reported by another node");
  }

  private static long durationOf(Event outcome) {
    return outcome.getPayload() instanceof WorkUnitCompleted c
        ? c.getDurationMs()
        : ((WorkUnitFailed) outcome.getPayload()).getDurationMs();
  }

  private static Usage usageOf(Event outcome) {
    return outcome.getPayload() instanceof WorkUnitCompleted c
        ? c.getUsage()
        : ((WorkUnitFailed) outcome.getPayload()).getUsage();
  }

  private int retryTo(int next) {
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      if (e.getEventType().equals(EventTypes.UNIT_RETRY_SCHEDULED)
          && ((WorkUnitRetryScheduled) e.getPayload()).getNextAttemptIndex() == next) {
        return i;
      }
    }
    return -1;
  }

  /** The log position of the first event of this type and attempt; -1 when there is none. */
  private int index(String type, int attempt) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).getEventType().equals(type) && events.get(i).getAttemptIndex() == attempt) {
        return i;
      }
    }
    return -1;
  }

  /** The events of this type (and attempt, unless -1), in log order. */
  private List<Event> of(String type, int attempt) {
    return events.stream()
        .filter(e -> e.getEventType().equals(type))
        .filter(e -> attempt < 0 || e.getAttemptIndex() == attempt)
        .toList();
  }

  private void require(boolean ok, String detail) {
    if (!ok) {
      found.add(new Violation(session, t.getWorkUnitId(), detail));
    }
  }
}
