package dev.krako.cli;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.LlmInvocation;
import dev.krako.avro.SessionEnded;
import dev.krako.avro.SessionStarted;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/**
 * Event logs as the orchestrator and the workers write them, one session at a time, and the
 * scenario of the topology's own replay suite ({@code BillingScenario} in topologies), whose pinned
 * digest a replay in the CLI must reproduce.
 */
final class EventLogFixture {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  /** {@code BillingReplayTest.SCENARIO_DIGEST}: the digest of {@link #scenario()}. */
  static final String SCENARIO_DIGEST =
      "8cd62488f3fb527560cbb316cf1caed4398bc9242eebacdfb09ad5a542c4702e";

  private final String tenant;
  private final String session;
  private final List<Event> events = new ArrayList<>();

  private EventLogFixture(String tenant, String session) {
    this.tenant = tenant;
    this.session = session;
  }

  static EventLogFixture session(String tenant, String requestId) {
    return new EventLogFixture(tenant, EventIds.sessionId(tenant, requestId));
  }

  /**
   * Three sessions of two tenants: a retried CPU unit, a model unit whose first attempt failed
   * after a billed call, a failed call, a duplicate report, a late completion of a timed-out
   * attempt and an unknown tier.
   */
  static List<List<Event>> scenario() {
    return List.of(
        session("tenant-a", "req-1")
            .started(0)
            .completed("a", 0, Substrate.cpu, 1_500, 10)
            .failed("b", 0, Substrate.cpu_trusted, 900, 20)
            .completed("b", 1, Substrate.cpu_trusted, 2_500, 30)
            .llmCompleted("c", 0, 0, "small", 1_200, 300, 40)
            .failed("c", 0, Substrate.llm_pod, 0, 41)
            .llmFailed("c", 1, 0, 45)
            .llmCompleted("c", 1, 1, "small", 1_000, 200, 50)
            .completed("c", 1, Substrate.llm_pod, 70, 51)
            .ended(60)
            .events(),
        session("tenant-a", "req-2")
            .started(5)
            .completed("x", 0, Substrate.cpu, 1_234, 15)
            .redelivered()
            .ended(70)
            .events(),
        session("tenant-b", "req-1")
            .started(3)
            .completed("y", 1, Substrate.cpu, 3_333, 1_500)
            .completed("y", 0, Substrate.cpu, 4_000, 1_600)
            .llmCompleted("z", 0, 0, "xlarge", 2_500, 750, 1_700)
            .ended(1_800)
            .events());
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  EventLogFixture started(long atMs) {
    return add(null, 0, EventTypes.SESSION_STARTED, "", atMs, new SessionStarted("req", 1));
  }

  EventLogFixture completed(String unit, int attempt, Substrate substrate, long cpuMs, long atMs) {
    return add(
        unit,
        attempt,
        EventTypes.UNIT_COMPLETED,
        "",
        atMs,
        new WorkUnitCompleted("node-1", substrate, "{}", 10L, usage(cpuMs, 0, 0)));
  }

  EventLogFixture failed(String unit, int attempt, Substrate substrate, long cpuMs, long atMs) {
    return add(
        unit,
        attempt,
        EventTypes.UNIT_FAILED,
        "",
        atMs,
        new WorkUnitFailed("node-1", substrate, "HANDLER_ERROR", "boom", 10L, usage(cpuMs, 0, 0)));
  }

  /** The {@code call}-th model call (from 0) of an attempt completed. */
  EventLogFixture llmCompleted(
      String unit, int attempt, int call, String tier, long tokensIn, long tokensOut, long atMs) {
    return add(
        unit,
        attempt,
        EventTypes.LLM_COMPLETED,
        call == 0 ? "" : "#" + call,
        atMs,
        new LlmInvocation(
            "pod-1", "model-" + tier, tier, 40L, usage(0, tokensIn, tokensOut), null));
  }

  EventLogFixture llmFailed(String unit, int attempt, int call, long atMs) {
    return add(
        unit,
        attempt,
        EventTypes.LLM_FAILED,
        call == 0 ? "" : "#" + call,
        atMs,
        new LlmInvocation("pod-1", "model-small", "small", 40L, usage(0, 0, 0), "timeout"));
  }

  EventLogFixture ended(long atMs) {
    return add(
        null,
        0,
        EventTypes.SESSION_COMPLETED,
        "",
        atMs,
        new SessionEnded(SessionStatus.completed, StopReason.success, atMs));
  }

  /** The last event again, as a redelivery writes it: same id, same everything. */
  EventLogFixture redelivered() {
    events.add(Event.newBuilder(events.get(events.size() - 1)).build());
    return this;
  }

  private EventLogFixture add(
      String unit, int attempt, String type, String idSuffix, long atMs, SpecificRecord payload) {
    events.add(
        Event.newBuilder()
            .setEventId(EventIds.eventId(session, unit, attempt, type + idSuffix))
            .setEventType(type)
            .setTimestamp(T0.plusMillis(atMs))
            .setTenantId(tenant)
            .setGraphId("graph-of-" + session)
            .setSessionId(session)
            .setWorkUnitId(unit)
            .setAttemptIndex(attempt)
            .setSource(new EventSource("worker", "node-1"))
            .setPayload(payload)
            .build());
    return this;
  }

  private static Usage usage(long cpuMs, long tokensIn, long tokensOut) {
    return new Usage(cpuMs, tokensIn, tokensOut, tokensIn + tokensOut > 0 ? 1 : 0);
  }

  /** The sessions one after the other. */
  static List<Event> concatenated(List<List<Event>> sessions) {
    List<Event> log = new ArrayList<>();
    sessions.forEach(log::addAll);
    return log;
  }

  /**
   * The sessions interleaved at random, each session's own order kept (one partition per session),
   * with {@code duplicates} redeliveries injected: a copy of an event somewhere after it.
   */
  static List<Event> interleaved(List<List<Event>> sessions, Random random, int duplicates) {
    List<List<Event>> queues = new ArrayList<>();
    sessions.forEach(log -> queues.add(new ArrayList<>(log)));
    for (int i = 0; i < duplicates; i++) {
      List<Event> queue = queues.get(random.nextInt(queues.size()));
      int original = random.nextInt(queue.size());
      int at = original + 1 + random.nextInt(queue.size() - original);
      queue.add(at, Event.newBuilder(queue.get(original)).build());
    }
    List<Event> merged = new ArrayList<>();
    int[] next = new int[queues.size()];
    int left = queues.stream().mapToInt(List::size).sum();
    while (left > 0) {
      int q = random.nextInt(queues.size());
      if (next[q] < queues.get(q).size()) {
        merged.add(queues.get(q).get(next[q]++));
        left--;
      }
    }
    return merged;
  }
}
