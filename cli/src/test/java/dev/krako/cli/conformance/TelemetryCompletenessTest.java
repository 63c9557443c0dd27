package dev.krako.cli.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.LlmInvocation;
import dev.krako.avro.SessionEnded;
import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionStarted;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.SessionTelemetry;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
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
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * The checker finds nothing in a complete session — a retried CPU unit, a model unit, a skipped
 * unit — and names what is missing or inconsistent when one event is dropped or one number is off.
 */
final class TelemetryCompletenessTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final String SESSION = EventIds.sessionId("t", "req-1");

  private final List<Event> log = new ArrayList<>();

  private Event event(String unit, int attempt, String type, SpecificRecord payload) {
    Event e =
        Event.newBuilder()
            .setEventId(EventIds.eventId(SESSION, unit, attempt, type))
            .setEventType(type)
            .setTimestamp(T0.plusMillis(log.size()))
            .setTenantId("t")
            .setGraphId("g")
            .setSessionId(SESSION)
            .setWorkUnitId(unit)
            .setAttemptIndex(attempt)
            .setSource(new EventSource(unit == null ? "orchestrator" : "worker", "x"))
            .setPayload(payload)
            .build();
    log.add(e);
    return e;
  }

  private static Usage usage(long in, long out, int calls) {
    return new Usage(10L, in, out, calls);
  }

  /** The complete log of one session and its result. */
  private SessionResult completeSession() {
    event(null, 0, EventTypes.SESSION_STARTED, new SessionStarted("req-1", 3));
    run("a", 0, WorkUnitType.deterministic, Substrate.cpu);
    event(
        "a",
        0,
        EventTypes.UNIT_FAILED,
        new WorkUnitFailed("n-1", Substrate.cpu, "X", "boom", 5L, usage(0, 0, 0)));
    event("a", 0, EventTypes.UNIT_RETRY_SCHEDULED, new WorkUnitRetryScheduled(1, 0L, T0));
    run("a", 1, WorkUnitType.deterministic, Substrate.cpu);
    event(
        "a",
        1,
        EventTypes.UNIT_COMPLETED,
        new WorkUnitCompleted("n-1", Substrate.cpu, "{}", 7L, usage(0, 0, 0)));
    run("m", 0, WorkUnitType.llm, Substrate.llm_pod);
    LlmInvocation call = new LlmInvocation("n-2", "mock", "small", 3L, usage(0, 0, 0), null);
    event("m", 0, EventTypes.LLM_STARTED, call);
    event(
        "m",
        0,
        EventTypes.LLM_COMPLETED,
        new LlmInvocation("n-2", "mock", "small", 3L, usage(12, 30, 0), null));
    event(
        "m",
        0,
        EventTypes.UNIT_COMPLETED,
        new WorkUnitCompleted("n-2", Substrate.llm_pod, "{}", 9L, usage(12, 30, 1)));
    event("s", 0, EventTypes.UNIT_SKIPPED, new WorkUnitSkipped("activation_not_met"));
    event(
        null,
        0,
        EventTypes.SESSION_COMPLETED,
        new SessionEnded(SessionStatus.completed, StopReason.success, 40L));
    return SessionResult.newBuilder()
        .setGraphId("g")
        .setRequestId("req-1")
        .setTenantId("t")
        .setSessionId(SESSION)
        .setStatus(SessionStatus.completed)
        .setStopReason(StopReason.success)
        .setFinalOutputJson("{}")
        .setTelemetry(
            new SessionTelemetry(
                40L,
                42L,
                1,
                1,
                List.of(
                    unit("a", WorkUnitType.deterministic, "completed", 12, 0, 0, 2),
                    unit("m", WorkUnitType.llm, "completed", 9, 12, 30, 1),
                    unit("s", WorkUnitType.deterministic, "skipped", 0, 0, 0, 0))))
        .build();
  }

  private void run(String unit, int attempt, WorkUnitType type, Substrate substrate) {
    event(unit, attempt, EventTypes.UNIT_SCHEDULED, new WorkUnitScheduled(type, substrate, "d"));
    event(
        unit, attempt, EventTypes.UNIT_CLAIMED, new WorkUnitClaimed("n-" + node(unit), substrate));
    event(
        unit, attempt, EventTypes.UNIT_STARTED, new WorkUnitStarted("n-" + node(unit), substrate));
  }

  private static int node(String unit) {
    return unit.equals("m") ? 2 : 1;
  }

  private static UnitTelemetry unit(
      String id, WorkUnitType type, String status, long ms, long in, long out, int attempts) {
    return new UnitTelemetry(id, type, status, ms, in, out, attempts, "not_checked");
  }

  private List<String> violations(SessionResult result) {
    return TelemetryCompleteness.check(log, List.of(result)).stream()
        .map(TelemetryCompleteness.Violation::toString)
        .toList();
  }

  private void drop(Predicate<Event> which) {
    log.removeIf(which);
  }

  @Test
  void aCompleteSessionPassesAlsoWithRedeliveredEvents() {
    SessionResult result = completeSession();
    log.add(log.get(3));
    log.add(log.get(12));

    assertThat(violations(result)).isEmpty();
  }

  @Test
  void aMissingClaimIsNamedWithItsUnitAndAttempt() {
    SessionResult result = completeSession();
    drop(e -> e.getEventType().equals(EventTypes.UNIT_CLAIMED) && e.getAttemptIndex() == 1);

    assertThat(violations(result))
        .anyMatch(v -> v.contains("unit a: attempt 1: not claimed < started < workunit.completed"));
  }

  /**
   * An early-started CPU unit (ADR 025): the worker's claim, start and outcome are in the log
   * before the orchestrator's {@code workunit.scheduled} of the attempt, as after a ghost run.
   */
  @Test
  void aScheduledEventAfterTheWorkersOwnEventsPasses() {
    SessionResult result = completeSession();
    Event scheduled = log.remove(index(EventTypes.UNIT_SCHEDULED, "a", 1));
    log.add(index(EventTypes.UNIT_COMPLETED, "a", 1) + 1, scheduled);

    assertThat(violations(result)).isEmpty();
  }

  @Test
  void anAttemptNeverScheduledOrStartedBeforeItsClaimIsCaught() {
    SessionResult result = completeSession();
    drop(e -> e.getEventType().equals(EventTypes.UNIT_SCHEDULED) && e.getWorkUnitId().equals("m"));
    Event started = log.remove(index(EventTypes.UNIT_STARTED, "a", 1));
    log.add(index(EventTypes.UNIT_CLAIMED, "a", 1), started);

    assertThat(violations(result))
        .anyMatch(v -> v.contains("unit m: ended completed without workunit.scheduled"))
        .anyMatch(v -> v.contains("unit a: attempt 1: not claimed < started < workunit.completed"));
  }

  private int index(String type, String unit, int attempt) {
    for (int i = 0; i < log.size(); i++) {
      Event e = log.get(i);
      if (e.getEventType().equals(type)
          && unit.equals(e.getWorkUnitId())
          && e.getAttemptIndex() == attempt) {
        return i;
      }
    }
    throw new AssertionError("no " + type + " of " + unit + " attempt " + attempt);
  }

  @Test
  void aRetryWithoutItsRetryEventIsCaught() {
    SessionResult result = completeSession();
    drop(e -> e.getEventType().equals(EventTypes.UNIT_RETRY_SCHEDULED));

    assertThat(violations(result))
        .anyMatch(v -> v.contains("attempt 0: no workunit.retry.scheduled"));
  }

  @Test
  void aModelCallThatNeverEndedAndTokensThatDoNotAddUpAreCaught() {
    SessionResult result = completeSession();
    drop(e -> e.getEventType().equals(EventTypes.LLM_COMPLETED));

    assertThat(violations(result))
        .anyMatch(v -> v.contains("1 model calls started, 0 ended"))
        .anyMatch(v -> v.contains("the attempt reports 12/30 tokens, its model calls 0/0"));
  }

  @Test
  void aTelemetryBundleThatDisagreesWithTheLogIsCaught() {
    SessionResult good = completeSession();
    List<UnitTelemetry> units = new ArrayList<>(good.getTelemetry().getUnits());
    units.set(0, UnitTelemetry.newBuilder(units.get(0)).setAttempts(1).build());
    SessionResult bad =
        SessionResult.newBuilder(good)
            .setTelemetry(
                SessionTelemetry.newBuilder(good.getTelemetry())
                    .setTotalTokens(41L)
                    .setModelInvocationCount(2)
                    .setUnits(units)
                    .build())
            .build();

    assertThat(violations(bad))
        .anyMatch(v -> v.contains("total_tokens 41, its units sum to 42"))
        .anyMatch(v -> v.contains("model_invocation_count 2, the log has 1 llm.invocation.started"))
        .anyMatch(v -> v.contains("unit a: telemetry attempts 1, 2 scheduled"));
  }

  @Test
  void aMissingResultASecondResultAndAnUnknownSkipReasonAreCaught() {
    SessionResult result = completeSession();
    log.add(
        Event.newBuilder(log.get(16))
            .setEventId("other")
            .setPayload(new WorkUnitSkipped("felt like it"))
            .build());

    assertThat(TelemetryCompleteness.check(log, List.of()))
        .extracting(TelemetryCompleteness.Violation::detail)
        .contains("0 result records, not 1");
    assertThat(violations(result)).anyMatch(v -> v.contains("skipped with reason 'felt like it'"));
    assertThat(TelemetryCompleteness.check(log, List.of(result, result)))
        .extracting(TelemetryCompleteness.Violation::detail)
        .contains("2 result records, not 1");
  }

  @Test
  void anEnvelopeWithoutItsFieldsIsCaught() {
    SessionResult result = completeSession();
    log.set(2, Event.newBuilder(log.get(2)).setTenantId(null).build());
    log.set(3, Event.newBuilder(log.get(3)).setEventId("dup").build());
    log.set(4, Event.newBuilder(log.get(4)).setEventId("dup").build());

    assertThat(violations(result))
        .anyMatch(v -> v.contains("tenant_id, graph_id and session_id are required"))
        .anyMatch(v -> v.contains("event id dup names two different events"));
  }
}
