package dev.krako.topology.billing;

import static dev.krako.topology.TopologyTestSupport.T0;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.LlmInvocation;
import dev.krako.avro.SessionEnded;
import dev.krako.avro.SessionStarted;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitFailed;
import dev.krako.avro.WorkUnitRetryScheduled;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.avro.WorkUnitType;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.avro.specific.SpecificRecord;

/**
 * Builds event logs the way the orchestrator and the workers write them (deterministic ids; the
 * n-th model call of an attempt has the id suffix {@code #n}), one session at a time.
 */
final class BillingEventLog {

  private final String tenant;
  private final String session;
  private final List<Event> events = new ArrayList<>();

  private BillingEventLog(String tenant, String session) {
    this.tenant = tenant;
    this.session = session;
  }

  static BillingEventLog session(String tenant, String session) {
    return new BillingEventLog(tenant, session);
  }

  List<Event> events() {
    return List.copyOf(events);
  }

  BillingEventLog started(long atMs) {
    return add(null, 0, EventTypes.SESSION_STARTED, "", atMs, new SessionStarted("req", 1));
  }

  BillingEventLog scheduled(String unit, int attempt, long atMs) {
    return add(
        unit,
        attempt,
        EventTypes.UNIT_SCHEDULED,
        "",
        atMs,
        new WorkUnitScheduled(WorkUnitType.deterministic, Substrate.cpu, "krako.dispatch.cpu"));
  }

  BillingEventLog claimed(String unit, int attempt, long atMs) {
    return add(
        unit,
        attempt,
        EventTypes.UNIT_CLAIMED,
        "",
        atMs,
        new WorkUnitClaimed("node-1", Substrate.cpu));
  }

  BillingEventLog completed(String unit, int attempt, Substrate substrate, long cpuMs, long atMs) {
    return add(
        unit,
        attempt,
        EventTypes.UNIT_COMPLETED,
        "",
        atMs,
        new WorkUnitCompleted("node-1", substrate, "{}", 10L, usage(cpuMs, 0, 0)));
  }

  BillingEventLog failed(String unit, int attempt, Substrate substrate, long cpuMs, long atMs) {
    return add(
        unit,
        attempt,
        EventTypes.UNIT_FAILED,
        "",
        atMs,
        new WorkUnitFailed("node-1", substrate, "HANDLER_ERROR", "boom", 10L, usage(cpuMs, 0, 0)));
  }

  BillingEventLog retryScheduled(String unit, int nextAttempt, long atMs) {
    return add(
        unit,
        nextAttempt - 1,
        EventTypes.UNIT_RETRY_SCHEDULED,
        "",
        atMs,
        new WorkUnitRetryScheduled(
            nextAttempt, 0L, Instant.ofEpochMilli(T0.toEpochMilli() + atMs)));
  }

  /** The {@code call}-th model call (from 0) of an attempt completed. */
  BillingEventLog llmCompleted(
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

  BillingEventLog llmFailed(
      String unit, int attempt, int call, String tier, long tokensIn, long tokensOut, long atMs) {
    return add(
        unit,
        attempt,
        EventTypes.LLM_FAILED,
        call == 0 ? "" : "#" + call,
        atMs,
        new LlmInvocation(
            "pod-1", "model-" + tier, tier, 40L, usage(0, tokensIn, tokensOut), "timeout"));
  }

  BillingEventLog ended(long atMs) {
    return add(
        null,
        0,
        EventTypes.SESSION_COMPLETED,
        "",
        atMs,
        new SessionEnded(SessionStatus.completed, StopReason.success, atMs));
  }

  /** The last event again, as a redelivery writes it: same id, same everything. */
  BillingEventLog redelivered() {
    events.add(Event.newBuilder(events.get(events.size() - 1)).build());
    return this;
  }

  private BillingEventLog add(
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

  /**
   * The sessions' logs interleaved at random, each session's own order kept (one partition per
   * session), with redeliveries injected: a copy of an event somewhere after it in its session.
   */
  static List<Event> interleave(List<List<Event>> sessions, Random random, int duplicates) {
    List<List<Event>> queues = new ArrayList<>();
    for (List<Event> log : sessions) {
      queues.add(new ArrayList<>(log));
    }
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

  /** Splits a log as the default partitioner would over n partitions, keeping order. */
  static Map<Integer, List<Event>> partition(List<Event> log, int partitions) {
    Map<Integer, List<Event>> byPartition = new LinkedHashMap<>();
    for (int p = 0; p < partitions; p++) {
      byPartition.put(p, new ArrayList<>());
    }
    for (Event e : log) {
      byPartition.get(partitionOf(e.getSessionId(), partitions)).add(e);
    }
    return byPartition;
  }

  static int partitionOf(String key, int partitions) {
    byte[] bytes = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    return org.apache.kafka.common.utils.Utils.toPositive(
            org.apache.kafka.common.utils.Utils.murmur2(bytes))
        % partitions;
  }
}
