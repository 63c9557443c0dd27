package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.AdmissionModeChanged;
import dev.krako.avro.Event;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Admission against the real broker and the whole system: a flooding tenant cannot starve another,
 * and {@code krako admission set rejecting} refuses new graphs with {@code admission_rejected} and
 * starts nothing, while duplicates keep their session id.
 */
@ExtendWith(KafkaBrokerExtension.class)
class AdmissionIT {

  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final int FLOOD = 400;

  @TempDir Path stateDir;

  @Test
  void aFloodingTenantIsCutToItsRateAndAnotherTenantsSessionsComplete(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, stateDir);
        KafkaProducer<String, byte[]> flood =
            new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(),
                new ByteArraySerializer())) {
      String topic = run.topics.names().taskGraphs();
      for (int i = 0; i < FLOOD; i++) {
        flood.send(new ProducerRecord<>(topic, "g-f-" + i, bytes(echo("tenant-flood", "f-" + i))));
      }
      flood.flush();
      for (int i = 0; i < 3; i++) {
        run.submit(echo("tenant-small", "s-" + i));
      }

      Set<String> small =
          IntStream.range(0, 3)
              .mapToObj(i -> EventIds.sessionId("tenant-small", "s-" + i))
              .collect(Collectors.toSet());
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return run.results.stream().filter(r -> small.contains(r.getSessionId())).count()
                    == 3;
              });
      assertThat(run.results)
          .filteredOn(r -> small.contains(r.getSessionId()))
          .extracting(SessionResult::getStopReason)
          .containsOnly(StopReason.success);
      assertThat(run.rejections)
          .as("the small tenant is never refused")
          .noneMatch(r -> "tenant-small".equals(r.getTenantId()));

      // Every flood graph is answered: admitted and run, or refused with admission_rejected.
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return run.results.stream()
                        .filter(r -> "tenant-flood".equals(r.getTenantId()))
                        .count()
                    == FLOOD;
              });
      List<GraphRejected> refused =
          run.rejections.stream().filter(r -> "tenant-flood".equals(r.getTenantId())).toList();
      assertThat(refused)
          .isNotEmpty()
          .allSatisfy(
              r ->
                  assertThat(r.getViolations().get(0).getCode()).isEqualTo("TENANT_RATE_EXCEEDED"));
      assertThat(run.results)
          .filteredOn(r -> "tenant-flood".equals(r.getTenantId()))
          .filteredOn(r -> r.getStopReason() == StopReason.admission_rejected)
          .hasSize(refused.size());
      // No refused graph got a session: the admitted ones account for every session start.
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return run.events.stream()
                        .filter(e -> EventTypes.SESSION_STARTED.equals(e.getEventType()))
                        .filter(e -> "tenant-flood".equals(e.getTenantId()))
                        .count()
                    == FLOOD - refused.size();
              });
    }
  }

  @Test
  void rejectingModeRefusesNewGraphsStartsNothingAndKeepsDuplicatesSessionIds(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, stateDir)) {
      String before = EventIds.sessionId("tenant-ops", "before");
      run.submit(echo("tenant-ops", "before"));
      awaitResult(run, before);

      assertThat(admission(broker, run, "set", "rejecting", "--reason", "maintenance")).isZero();
      awaitModeChange(run, "rejecting");
      // The mode reaches ingress through a global table: wait until a probe is refused.
      int[] probe = {0};
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.submit(echo("tenant-ops", "probe-" + probe[0]++));
                run.poll();
                return run.rejections.stream()
                    .anyMatch(r -> r.getViolations().get(0).getCode().equals("ADMISSION_REJECTED"));
              });

      String refusedSession = EventIds.sessionId("tenant-ops", "new");
      run.submit(echo("tenant-ops", "new"));
      run.submit(echo("tenant-ops", "before"));
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.poll();
                return run.rejections.stream().anyMatch(r -> "new".equals(r.getRequestId()))
                    && run.rejections.stream()
                        .anyMatch(r -> before.equals(r.getExistingSessionId()));
              });
      GraphRejected refusal =
          run.rejections.stream().filter(r -> "new".equals(r.getRequestId())).findFirst().get();
      assertThat(refusal.getViolations().get(0).getCode()).isEqualTo("ADMISSION_REJECTED");
      assertThat(refusal.getViolations().get(0).getMessage())
          .contains("rejecting new graphs", "maintenance");
      assertThat(awaitResult(run, refusedSession).getStopReason())
          .isEqualTo(StopReason.admission_rejected);

      // Back to normal: the refused request is admitted under the same session id, and its log
      // holds one session start, after the refusal: the refusal had started nothing.
      assertThat(admission(broker, run, "set", "normal", "--reason", "done")).isZero();
      awaitModeChange(run, "normal");
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                run.submit(echo("tenant-ops", "new"));
                run.poll();
                return run.results.stream()
                    .anyMatch(
                        r ->
                            refusedSession.equals(r.getSessionId())
                                && r.getStopReason() == StopReason.success);
              });
      assertThat(run.eventsOf(refusedSession))
          .filteredOn(e -> EventTypes.SESSION_STARTED.equals(e.getEventType()))
          .hasSize(1);
      List<Event> changes =
          run.events.stream()
              .filter(e -> EventTypes.ADMISSION_MODE_CHANGED.equals(e.getEventType()))
              .toList();
      assertThat(changes)
          .extracting(e -> ((AdmissionModeChanged) e.getPayload()).getMode())
          .containsExactly("rejecting", "normal");
      assertThat(changes)
          .extracting(e -> ((AdmissionModeChanged) e.getPayload()).getCause())
          .containsOnly("operator");
    }
  }

  private static int admission(LocalKafkaBroker broker, KrakoRun run, String... args) {
    String[] all = new String[args.length + 5];
    all[0] = "admission";
    System.arraycopy(args, 0, all, 1, args.length);
    all[args.length + 1] = "--bootstrap-servers";
    all[args.length + 2] = broker.bootstrapServers();
    all[args.length + 3] = "--topic";
    all[args.length + 4] = run.topics.names().admissionCommands();
    return new CommandLine(new KrakoCommand()).execute(all);
  }

  private static void awaitModeChange(KrakoRun run, String mode) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              run.poll();
              return run.events.stream()
                  .filter(e -> EventTypes.ADMISSION_MODE_CHANGED.equals(e.getEventType()))
                  .anyMatch(e -> mode.equals(((AdmissionModeChanged) e.getPayload()).getMode()));
            });
  }

  private static SessionResult awaitResult(KrakoRun run, String sessionId) {
    await()
        .atMost(PATIENCE)
        .until(
            () -> {
              run.poll();
              return run.results.stream().anyMatch(r -> sessionId.equals(r.getSessionId()));
            });
    return run.results.stream().filter(r -> sessionId.equals(r.getSessionId())).findFirst().get();
  }

  private static String echo(String tenant, String requestId) {
    return "{\"schema_version\":\"1.0\",\"graph_id\":\"g-"
        + requestId
        + "\",\"request_id\":\""
        + requestId
        + "\",\"tenant_id\":\""
        + tenant
        + "\",\"created_at\":\"2026-11-27T00:00:00Z\","
        + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":10,\"max_tokens\":0,\"max_latency_ms\":60000},"
        + "\"work_units\":[{\"id\":\"a\",\"type\":\"deterministic\",\"input\":{\"message\":\"hi\"},"
        + "\"run\":{\"handler\":\"echo\"}}]}";
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }
}
