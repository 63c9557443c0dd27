package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.SessionResult;
import dev.krako.avro.UnitTelemetry;
import dev.krako.avro.WorkUnitSkipped;
import dev.krako.cli.conformance.TelemetryCompleteness;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI gate "telemetry completeness" (issue 6.5) on the real system: the samples (1.x and KORA's
 * 0.1 graphs, whose model units run on the simulated pod) and generated shapes — a long chain, a
 * diamond, a fan-out, model units in a chain, a retried unit, a unit that fails every attempt with
 * a dependent, skip_if, escalation — run through one Krako, and {@link TelemetryCompleteness} finds
 * nothing missing: every unit's full event sequence with every envelope field, every session's one
 * result with a telemetry bundle that agrees with its events.
 */
@ExtendWith(KafkaBrokerExtension.class)
class TelemetryCompletenessIT {

  private static final String TENANT = "tenant-telemetry";

  @TempDir Path stateDir;

  @Test
  void everyUnitOfEverySessionHasItsWholeTelemetry(LocalKafkaBroker broker, KafkaTestNames names)
      throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, stateDir);
        GraphSubmitter kora =
            new GraphSubmitter(broker.bootstrapServers(), run.topics.names().taskGraphs())) {
      int submitted = 0;
      for (Path sample : samples("samples")) {
        run.submit(Files.readString(sample));
        submitted++;
      }
      for (Path sample : samples("samples/kora")) {
        kora.submit(Files.readAllBytes(sample), TENANT, sample.getFileName().toString());
        submitted++;
      }
      kora.submit(skipIfGraph().getBytes(StandardCharsets.UTF_8), TENANT, "tc-skip-if");
      submitted++;
      for (String graph : generated()) {
        run.submit(graph);
        submitted++;
      }
      int expected = submitted;
      await()
          .atMost(Duration.ofSeconds(180))
          .until(
              () -> {
                run.poll();
                return run.results.size() + run.rejections.size() >= expected;
              });
      // The last worker reports may trail the results by a poll: wait until nothing is missing.
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(
              () -> {
                run.poll();
                assertThat(TelemetryCompleteness.check(run.events, run.results)).isEmpty();
              });

      assertThat(run.results).hasSizeGreaterThanOrEqualTo(generated().size());
      assertVariety(run);
    }
  }

  /** The run had what the gate is about: retries, failures, skips of each kind, model calls. */
  private static void assertVariety(KrakoRun run) {
    List<UnitTelemetry> units =
        run.results.stream().flatMap(r -> r.getTelemetry().getUnits().stream()).toList();
    assertThat(units).anySatisfy(u -> assertThat(u.getAttempts()).isGreaterThan(1));
    assertThat(units).anySatisfy(u -> assertThat(u.getStatus()).isEqualTo("failed"));
    assertThat(units).anySatisfy(u -> assertThat(u.getTokensOut()).isPositive());
    Set<String> skipReasons =
        run.events.stream()
            .filter(e -> e.getEventType().equals(EventTypes.UNIT_SKIPPED))
            .map(e -> ((WorkUnitSkipped) e.getPayload()).getReason())
            .collect(Collectors.toSet());
    assertThat(skipReasons).contains("skip_if", "activation_not_met", "dependency_failed");
    assertThat(run.events)
        .extracting(Event::getEventType)
        .contains(EventTypes.UNIT_RETRY_SCHEDULED, EventTypes.LLM_COMPLETED);
    assertThat(run.results)
        .extracting(SessionResult::getGraphId)
        .contains(
            "tc-chain", "tc-diamond", "tc-fan-out", "tc-llm-chain", "tc-failing", "tc-skip-if");
  }

  /**
   * KORA 0.1: a model task whose {@code skip_if} matches its dependency's output ({@code message}
   * is {@code skip_full}), so it is skipped, and a task after it that still runs (KORA's rule).
   */
  private static String skipIfGraph() {
    return "{\"graph_id\":\"tc-skip-if\",\"version\":\"0.1\",\"root\":\"after\","
        + "\"defaults\":{\"budget\":{\"max_time_ms\":60000,\"max_tokens\":400,"
        + "\"max_retries\":0}},\"tasks\":["
        + "{\"id\":\"gate\",\"type\":\"det.echo\",\"deps\":[],\"in\":{\"message\":\"skip_full\"},"
        + "\"run\":{\"kind\":\"det\",\"spec\":{\"handler\":\"echo\",\"args\":{}}}},"
        + "{\"id\":\"full\",\"type\":\"llm.answer.full\",\"deps\":[\"gate\"],\"in\":{},"
        + "\"run\":{\"kind\":\"llm\",\"spec\":{\"adapter\":\"openai_full\",\"input\":{"
        + "\"question\":\"hi\",\"skip_if\":{\"path\":\"$.message\",\"equals\":\"skip_full\"}}}}},"
        + "{\"id\":\"after\",\"type\":\"det.echo\",\"deps\":[\"full\"],\"in\":{\"message\":\"done\"},"
        + "\"run\":{\"kind\":\"det\",\"spec\":{\"handler\":\"echo\",\"args\":{}}}}]}";
  }

  private static List<Path> samples(String dir) throws Exception {
    Path root = Path.of("..").resolve(dir);
    try (Stream<Path> files = Files.list(root)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private static List<String> generated() {
    List<String> graphs = new ArrayList<>();
    graphs.add(graph("tc-chain", "fail_fast", chain(8)));
    graphs.add(
        graph(
            "tc-diamond",
            "fail_fast",
            echo("a", "")
                + ","
                + echo("b", "\"a\"")
                + ","
                + echo("c", "\"a\"")
                + ","
                + echo("d", "\"b\",\"c\"")));
    graphs.add(
        graph(
            "tc-fan-out",
            "fail_fast",
            echo("root", "")
                + ","
                + IntStream.range(0, 20)
                    .mapToObj(i -> echo("leaf-" + i, "\"root\""))
                    .collect(Collectors.joining(","))));
    graphs.add(
        graph(
            "tc-llm-chain",
            "fail_fast",
            echo("prep", "")
                + ","
                + llm("draft", "\"prep\"", "small")
                + ","
                + llm("polish", "\"draft\"", "medium")
                + ","
                + echo("done", "\"polish\"")));
    graphs.add(
        graph(
            "tc-retry",
            "fail_fast",
            "{\"id\":\"flaky\",\"type\":\"deterministic\",\"run\":{\"handler\":\"flaky_once\"},"
                + "\"retries\":{\"max_attempts\":3,\"backoff_ms\":50}},"
                + echo("after", "\"flaky\"")));
    graphs.add(
        graph(
            "tc-failing",
            "continue_on_error",
            "{\"id\":\"broken\",\"type\":\"deterministic\",\"run\":{\"handler\":\"no_such_handler\"},"
                + "\"retries\":{\"max_attempts\":2,\"backoff_ms\":10}},"
                + echo("needs-broken", "\"broken\"")
                + ","
                + echo("independent", "")));
    graphs.add(
        graph(
            "tc-escalation",
            "fail_fast",
            "{\"id\":\"try\",\"type\":\"deterministic\",\"run\":{\"handler\":\"flaky_once\"}},"
                + "{\"id\":\"fallback\",\"type\":\"deterministic\",\"dependencies\":[\"try\"],"
                + "\"activation\":{\"when\":\"failure\",\"of\":\"try\"},"
                + "\"input\":{\"message\":\"fallback ran\"},\"run\":{\"handler\":\"echo\"}},"
                + "{\"id\":\"unused\",\"type\":\"deterministic\",\"dependencies\":[\"try\"],"
                + "\"activation\":{\"when\":\"confidence_below_threshold\",\"of\":\"try\","
                + "\"threshold\":0.5},\"run\":{\"handler\":\"echo\"}}"));
    return graphs;
  }

  private static String chain(int length) {
    return IntStream.range(0, length)
        .mapToObj(i -> echo("step-" + i, i == 0 ? "" : "\"step-" + (i - 1) + "\""))
        .collect(Collectors.joining(","));
  }

  private static String echo(String id, String deps) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"deterministic\",\"dependencies\":["
        + deps
        + "],\"input\":{\"message\":\""
        + id
        + "\"},\"run\":{\"handler\":\"echo\"}}";
  }

  private static String llm(String id, String deps, String tier) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"llm\",\"dependencies\":["
        + deps
        + "],\"run\":{\"tier\":\""
        + tier
        + "\",\"prompt\":\"Say hi to "
        + id
        + "\"}}";
  }

  private static String graph(String graphId, String failurePolicy, String units) {
    return "{\"schema_version\":\"1.0\",\"graph_id\":\""
        + graphId
        + "\",\"request_id\":\"req-"
        + graphId
        + "\",\"tenant_id\":\""
        + TENANT
        + "\",\"created_at\":\"2026-11-27T00:00:00Z\","
        + "\"budgets\":{\"max_llm_calls\":10,\"max_cpu_units\":100,\"max_tokens\":20000,"
        + "\"max_latency_ms\":120000},\"policies\":{\"failure_policy\":\""
        + failurePolicy
        + "\"},\"work_units\":["
        + units
        + "]}";
  }
}
