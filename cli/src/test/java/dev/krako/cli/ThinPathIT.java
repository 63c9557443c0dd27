package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.avro.Violation;
import dev.krako.avro.WorkUnitRetryScheduled;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The thin path end to end, against the real broker, real topologies and a real worker. */
@ExtendWith(KafkaBrokerExtension.class)
class ThinPathIT {

  private static final Duration PATIENCE = Duration.ofSeconds(60);

  @TempDir Path stateDir;

  @Test
  void aChainRunsInDependencyOrderAndEndsWithOneResult(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, stateDir)) {
      run.submit(Graphs.chain("g-chain", "req-1"));

      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return !run.results.isEmpty();
              });
      SessionResult result = run.results.get(0);
      assertThat(result.getStopReason()).isEqualTo(StopReason.success);
      assertThat(result.getFinalOutputJson())
          .contains("\"task_id\":\"b\"")
          .contains("\"is_simple\":true");

      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return run.eventsOf(result.getSessionId()).stream()
                    .anyMatch(e -> e.getEventType().equals(EventTypes.SESSION_COMPLETED));
              });
      List<Event> log = run.eventsOf(result.getSessionId());
      assertThat(indexOf(log, "b", EventTypes.UNIT_SCHEDULED))
          .as("b is scheduled only after a completed")
          .isGreaterThan(indexOf(log, "a", EventTypes.UNIT_COMPLETED));
      assertThat(indexOf(log, "b", EventTypes.UNIT_STARTED))
          .isGreaterThan(indexOf(log, "a", EventTypes.UNIT_COMPLETED));
      Event aCompleted = log.get(indexOf(log, "a", EventTypes.UNIT_COMPLETED));
      Event bStarted = log.get(indexOf(log, "b", EventTypes.UNIT_STARTED));
      assertThat(bStarted.getTimestamp()).isAfterOrEqualTo(aCompleted.getTimestamp());
      // The orchestrator's session.started and a's workunit.scheduled may follow a's claim in the
      // log (early start, ADR 025; docs/topics-and-events.md); the worker's own events and the
      // dependency order may not.
      assertThat(log).extracting(Event::getEventType).contains(EventTypes.SESSION_STARTED);
      assertThat(log)
          .extracting(Event::getEventType)
          .containsSubsequence(
              EventTypes.UNIT_CLAIMED,
              EventTypes.UNIT_STARTED,
              EventTypes.UNIT_COMPLETED,
              EventTypes.UNIT_SCHEDULED,
              EventTypes.UNIT_CLAIMED,
              EventTypes.UNIT_STARTED,
              EventTypes.UNIT_COMPLETED,
              EventTypes.SESSION_COMPLETED);
      assertThat(indexOf(log, "a", EventTypes.UNIT_SCHEDULED)).isNotNegative();
      assertThat(indexOf(log, "b", EventTypes.UNIT_CLAIMED))
          .isGreaterThan(indexOf(log, "a", EventTypes.UNIT_COMPLETED));
      assertEveryEnvelopeIsComplete(log, result);
      assertThat(run.results).hasSize(1);
    }
  }

  @Test
  void garbageAndCyclesAreRejectedDuplicatesGetNoSecondSessionAndGoodGraphsStillRun(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, stateDir)) {
      run.submit("{\"this is\": not json");
      run.submit(Graphs.cycle("g-cycle"));
      run.submit(Graphs.chain("g-first", "req-same"));
      run.submit(Graphs.chain("g-second", "req-same"));

      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return run.results.size() == 1 && run.rejections.size() == 3;
              });
      assertThat(run.results.get(0).getGraphId()).isEqualTo("g-first");
      assertThat(run.rejections)
          .flatExtracting(r -> r.getViolations())
          .extracting(Violation::getCode)
          .containsExactlyInAnyOrder("MALFORMED_JSON", "DAG_CYCLE", "DUPLICATE_REQUEST");
      assertThat(run.rejections)
          .filteredOn(r -> r.getExistingSessionId() != null)
          .singleElement()
          .satisfies(
              r ->
                  assertThat(r.getExistingSessionId())
                      .isEqualTo(EventIds.sessionId("tenant-it", "req-same")));
      assertThat(run.system.failure()).isNotDone();
    }
  }

  @Test
  void aFailedAttemptIsRetriedAfterItsBackoff(LocalKafkaBroker broker, KafkaTestNames names)
      throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, stateDir)) {
      run.submit(Graphs.flaky("g-flaky", 300));

      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return !run.results.isEmpty();
              });
      SessionResult result = run.results.get(0);
      assertThat(result.getStopReason()).isEqualTo(StopReason.success);
      assertThat(result.getTelemetry().getUnits())
          .extracting(u -> u.getAttempts())
          .containsExactly(2);
      List<Event> log = run.eventsOf(result.getSessionId());
      Event retry = log.get(indexOf(log, "flaky", EventTypes.UNIT_RETRY_SCHEDULED));
      Event failed = log.get(indexOf(log, "flaky", EventTypes.UNIT_FAILED));
      assertThat(((WorkUnitRetryScheduled) retry.getPayload()).getDueAt())
          .isEqualTo(failed.getTimestamp().plusMillis(300));
      Event secondClaim =
          log.stream()
              .filter(
                  e -> e.getEventType().equals(EventTypes.UNIT_CLAIMED) && e.getAttemptIndex() == 1)
              .findFirst()
              .orElseThrow();
      assertThat(Duration.between(failed.getTimestamp(), secondClaim.getTimestamp()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
  }

  private static int indexOf(List<Event> log, String unit, String type) {
    for (int i = 0; i < log.size(); i++) {
      if (unit.equals(log.get(i).getWorkUnitId()) && log.get(i).getEventType().equals(type)) {
        return i;
      }
    }
    throw new AssertionError(
        "no " + type + " of " + unit + " in " + log.stream().map(Event::getEventType).toList());
  }

  private static void assertEveryEnvelopeIsComplete(List<Event> log, SessionResult result) {
    assertThat(log).extracting(Event::getEventId).doesNotHaveDuplicates();
    for (Event e : log) {
      assertThat(e.getEventId())
          .isEqualTo(
              EventIds.eventId(
                  e.getSessionId(), e.getWorkUnitId(), e.getAttemptIndex(), e.getEventType()));
      assertThat(e.getTimestamp()).isNotNull();
      assertThat(e.getTenantId()).isEqualTo("tenant-it");
      assertThat(e.getGraphId()).isEqualTo(result.getGraphId());
      assertThat(e.getSessionId()).isEqualTo(result.getSessionId());
      assertThat(e.getSource().getComponent()).isIn("orchestrator", "worker");
      assertThat(e.getSource().getId()).isNotBlank();
      assertThat(e.getPayload()).isNotNull();
    }
  }
}
