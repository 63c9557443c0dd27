package dev.krako.topology.billing;

import dev.krako.avro.Event;
import dev.krako.avro.Substrate;
import dev.krako.events.EventIds;
import java.util.ArrayList;
import java.util.List;

/**
 * A small but complete day of billing: two tenants, three sessions, a retried CPU unit, a model
 * unit whose first attempt failed verification after a billed call, a failed call, a duplicate
 * report, a late completion of a timed-out attempt, an unknown tier, and the orchestrator's own
 * events in between. Prices of price book v1 (docs/billing.md).
 */
final class BillingScenario {

  static final String TENANT_A = "tenant-a";
  static final String TENANT_B = "tenant-b";
  static final String S1 = EventIds.sessionId(TENANT_A, "req-1");
  static final String S2 = EventIds.sessionId(TENANT_A, "req-2");
  static final String S3 = EventIds.sessionId(TENANT_B, "req-1");

  private BillingScenario() {}

  /** One log per session, each in its session's order. */
  static List<List<Event>> sessions() {
    return List.of(session1(), session2(), session3());
  }

  /** The sessions one after the other. */
  static List<Event> log() {
    List<Event> log = new ArrayList<>();
    sessions().forEach(log::addAll);
    return log;
  }

  /** a: 1,500 ms; b: fails, then 2,500 ms; c: call #0 of attempt 0, then call #1 of attempt 1. */
  static List<Event> session1() {
    return BillingEventLog.session(TENANT_A, S1)
        .started(0)
        .scheduled("a", 0, 1)
        .claimed("a", 0, 2)
        .completed("a", 0, Substrate.cpu, 1_500, 10)
        .scheduled("b", 0, 11)
        .failed("b", 0, Substrate.cpu_trusted, 900, 20)
        .retryScheduled("b", 1, 21)
        .scheduled("b", 1, 22)
        .completed("b", 1, Substrate.cpu_trusted, 2_500, 30)
        .scheduled("c", 0, 31)
        .llmCompleted("c", 0, 0, "small", 1_200, 300, 40)
        .failed("c", 0, Substrate.llm_pod, 0, 41)
        .retryScheduled("c", 1, 42)
        .scheduled("c", 1, 43)
        .llmFailed("c", 1, 0, "small", 0, 0, 45)
        .llmCompleted("c", 1, 1, "small", 1_000, 200, 50)
        .completed("c", 1, Substrate.llm_pod, 70, 51)
        .ended(60)
        .events();
  }

  /** x: 1,234 ms, reported twice. */
  static List<Event> session2() {
    return BillingEventLog.session(TENANT_A, S2)
        .started(5)
        .completed("x", 0, Substrate.cpu, 1_234, 15)
        .redelivered()
        .ended(70)
        .events();
  }

  /** y: attempt 0 times out, attempt 1 completes (3,333 ms), then attempt 0 completes late. */
  static List<Event> session3() {
    return BillingEventLog.session(TENANT_B, S3)
        .started(3)
        .scheduled("y", 0, 4)
        .retryScheduled("y", 1, 1_000)
        .scheduled("y", 1, 1_001)
        .completed("y", 1, Substrate.cpu, 3_333, 1_500)
        .completed("y", 0, Substrate.cpu, 4_000, 1_600)
        .llmCompleted("z", 0, 0, "xlarge", 2_500, 750, 1_700)
        .ended(1_800)
        .events();
  }
}
