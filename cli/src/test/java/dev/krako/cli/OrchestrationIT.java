package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.avro.UnitTelemetry;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.avro.WorkUnitSkipped;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orchestration on the real broker with the real workers: a diamond, a fan-out of 100 units, a
 * budget exhaustion and an escalation path, read back from the event log and the results.
 */
@ExtendWith(KafkaBrokerExtension.class)
class OrchestrationIT {

  private static final Duration PATIENCE = Duration.ofSeconds(90);

  @TempDir Path stateDir;

  @Test
  void shapesBudgetsAndEscalationBehaveOnTheRealSystem(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, stateDir)) {
      run.submit(
          graph(
              "diamond",
              10,
              0,
              unit("a", "")
                  + ","
                  + unit("b", "\"a\"")
                  + ","
                  + unit("c", "\"a\"")
                  + ","
                  + unit("d", "\"b\",\"c\"")));
      run.submit(graph("fan-out", 200, 0, fanOut(100)));
      // Two mandatory units fit two CPU units at ingress; the retry of the first spends the second.
      run.submit(
          graph(
              "budget",
              2,
              0,
              "{\"id\":\"a\",\"type\":\"deterministic\",\"run\":{\"handler\":\"flaky_once\"},"
                  + "\"retries\":{\"max_attempts\":2,\"backoff_ms\":0}},"
                  + unit("b", "\"a\"")));
      run.submit(
          graph(
              "escalation",
              10,
              0,
              "{\"id\":\"try\",\"type\":\"deterministic\",\"run\":{\"handler\":\"flaky_once\"}},"
                  + "{\"id\":\"fallback\",\"type\":\"deterministic\",\"dependencies\":[\"try\"],"
                  + "\"activation\":{\"when\":\"failure\",\"of\":\"try\"},"
                  + "\"input\":{\"message\":\"fallback ran\"},\"run\":{\"handler\":\"echo\"}},"
                  + "{\"id\":\"unused\",\"type\":\"deterministic\",\"dependencies\":[\"try\"],"
                  + "\"activation\":{\"when\":\"confidence_below_threshold\",\"of\":\"try\",\"threshold\":0.5},"
                  + "\"run\":{\"handler\":\"echo\"}}"));

      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return run.results.size() == 4;
              });

      SessionResult diamond = result(run, "diamond");
      assertThat(diamond.getStopReason()).isEqualTo(StopReason.success);
      List<Event> diamondLog = run.eventsOf(diamond.getSessionId());
      assertThat(index(diamondLog, "d", EventTypes.UNIT_SCHEDULED))
          .isGreaterThan(index(diamondLog, "b", EventTypes.UNIT_COMPLETED))
          .isGreaterThan(index(diamondLog, "c", EventTypes.UNIT_COMPLETED));

      SessionResult fanOut = result(run, "fan-out");
      assertThat(fanOut.getStopReason()).isEqualTo(StopReason.success);
      assertThat(fanOut.getTelemetry().getUnits())
          .hasSize(101)
          .allSatisfy(u -> assertThat(u.getAttempts()).isEqualTo(1));
      assertThat(
              run.eventsOf(fanOut.getSessionId()).stream()
                  .filter(e -> e.getEventType().equals(EventTypes.UNIT_SCHEDULED))
                  .map(e -> ((WorkUnitScheduled) e.getPayload()).getDispatchTopic())
                  .collect(Collectors.toSet()))
          .containsExactly(run.topics.names().dispatchCpu());

      SessionResult budget = result(run, "budget");
      assertThat(budget.getStopReason()).isEqualTo(StopReason.budget_exhausted);
      assertThat(budget.getTelemetry().getUnits())
          .extracting(UnitTelemetry::getStatus)
          .containsExactly("completed", "cancelled");

      SessionResult escalation = result(run, "escalation");
      assertThat(escalation.getStopReason()).isEqualTo(StopReason.success);
      assertThat(escalation.getTelemetry().getUnits())
          .extracting(UnitTelemetry::getWorkUnitId, UnitTelemetry::getStatus)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("try", "failed"),
              org.assertj.core.groups.Tuple.tuple("fallback", "completed"),
              org.assertj.core.groups.Tuple.tuple("unused", "skipped"));
      assertThat(escalation.getFinalOutputJson()).contains("fallback ran");
      Event skipped =
          run.eventsOf(escalation.getSessionId())
              .get(
                  index(
                      run.eventsOf(escalation.getSessionId()), "unused", EventTypes.UNIT_SKIPPED));
      assertThat(((WorkUnitSkipped) skipped.getPayload()).getReason())
          .isEqualTo("activation_not_met");
    }
  }

  private static SessionResult result(KrakoRun run, String graphId) {
    return run.results.stream()
        .filter(r -> r.getGraphId().equals(graphId))
        .findFirst()
        .orElseThrow();
  }

  private static int index(List<Event> log, String unit, String type) {
    for (int i = 0; i < log.size(); i++) {
      if (unit.equals(log.get(i).getWorkUnitId()) && log.get(i).getEventType().equals(type)) {
        return i;
      }
    }
    throw new AssertionError("no " + type + " of " + unit);
  }

  private static String fanOut(int width) {
    String leaves =
        IntStream.range(0, width)
            .mapToObj(i -> unit(String.format("leaf-%03d", i), "\"root\""))
            .collect(Collectors.joining(","));
    return unit("root", "") + "," + leaves;
  }

  private static String unit(String id, String deps) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"deterministic\",\"dependencies\":["
        + deps
        + "],\"input\":{\"message\":\""
        + id
        + "\"},\"run\":{\"handler\":\"echo\"}}";
  }

  private static String graph(String graphId, int cpuUnits, int llmCalls, String units) {
    return "{\"schema_version\":\"1.0\",\"graph_id\":\""
        + graphId
        + "\",\"request_id\":\""
        + graphId
        + "\",\"tenant_id\":\"tenant-it\",\"created_at\":\"2026-11-27T00:00:00Z\","
        + "\"budgets\":{\"max_llm_calls\":"
        + llmCalls
        + ",\"max_cpu_units\":"
        + cpuUnits
        + ",\"max_tokens\":0,\"max_latency_ms\":120000},\"work_units\":["
        + units
        + "]}";
  }
}
