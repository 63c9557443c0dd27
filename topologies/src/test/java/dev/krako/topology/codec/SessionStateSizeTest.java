package dev.krako.topology.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.SessionState;
import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.TaskGraph;
import dev.krako.schemas.AvroSerdes;
import dev.krako.session.Decision;
import dev.krako.session.Effect;
import dev.krako.session.Session;
import dev.krako.session.SessionDecider;
import dev.krako.session.SessionInput;
import dev.krako.session.Usage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * The encoded size of a session's state ({@code orchestration-sessions}, one value per session) at
 * each step of a run, for the figures and the bound in docs/state-size.md. Each unit is claimed and
 * completed with a 100-byte output, in dispatch order; every step is one full write of the state,
 * as the orchestration processor does it.
 */
class SessionStateSizeTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Serializer<SessionState> ENCODER =
      AvroSerdes.of(SessionState.class).serializer();
  private static final String OUTPUT = "{\"text\":\"" + "x".repeat(89) + "\"}";

  /**
   * What a unit adds to the state at most besides its output and the graph: its execution record
   * (status, attempt, times, usage, node id) and its map key.
   */
  private static final int PER_UNIT_BYTES = 64;

  /** The changelog topic's default max.message.bytes: a larger state cannot be written. */
  private static final int CHANGELOG_LIMIT = 1024 * 1024;

  @Test
  void aTwentyUnitFanOutStaysWithinTheGraphPlusAFixedAmountAndAnOutputPerUnit() {
    Run run = run(fanOut(20));
    print("20-unit fan-out", run);

    assertThat(run.sizes()).hasSize(1 + 2 * 20);
    assertThat(run.max()).isLessThanOrEqualTo(bound(run, 20));
  }

  @Test
  void aThousandUnitGraphFitsTheChangelogRecordLimitWithRoomForOutputs() {
    Run run = run(fanOut(1_000));
    print("1000-unit fan-out", run);

    assertThat(run.max()).isLessThanOrEqualTo(bound(run, 1_000));
    assertThat(run.max()).isLessThan(CHANGELOG_LIMIT / 2);
  }

  private static long bound(Run run, int units) {
    return run.sizes().get(0) + (long) units * (PER_UNIT_BYTES + OUTPUT.length());
  }

  private static void print(String name, Run run) {
    List<Integer> sizes = run.sizes();
    System.out.printf(
        "%s: first state %d B, largest %d B, last %d B, %d writes, %d B written in all%n",
        name,
        sizes.get(0),
        run.max(),
        sizes.get(sizes.size() - 1),
        sizes.size(),
        sizes.stream().mapToLong(Integer::longValue).sum());
  }

  /** Admits the graph, then claims and completes each dispatched unit in dispatch order. */
  private static Run run(TaskGraph graph) {
    List<Integer> sizes = new ArrayList<>();
    Deque<String> dispatched = new ArrayDeque<>();
    Session session =
        step(Optional.empty(), new SessionInput.Admit("s-1", graph, T0, 3), sizes, dispatched);
    Instant at = T0;
    while (!dispatched.isEmpty()) {
      String unit = dispatched.poll();
      at = at.plusMillis(1);
      session =
          step(
              Optional.of(session),
              new SessionInput.UnitClaimed(unit, 0, "node-1", at),
              sizes,
              dispatched);
      session =
          step(
              Optional.of(session),
              new SessionInput.UnitCompleted(
                  unit, 0, "node-1", OUTPUT, 1, new Usage(1, 0, 0, 0), at),
              sizes,
              dispatched);
    }
    assertThat(session.running()).isFalse();
    return new Run(sizes);
  }

  private static Session step(
      Optional<Session> state, SessionInput input, List<Integer> sizes, Deque<String> dispatched) {
    Decision decision = SessionDecider.decide(state, input);
    Session next = decision.next().orElseThrow();
    sizes.add(ENCODER.serialize("orchestration-sessions", SessionCodec.toAvro(next)).length);
    decision.effects().stream()
        .filter(Effect.Dispatch.class::isInstance)
        .map(e -> ((Effect.Dispatch) e).unit().id())
        .forEach(dispatched::add);
    return next;
  }

  /** A root, {@code units - 2} units that need it, and a sink that needs them all. */
  private static TaskGraph fanOut(int units) {
    String middle =
        IntStream.range(1, units - 1)
            .mapToObj(i -> unit(String.format("m%04d", i), "\"root\""))
            .collect(Collectors.joining(","));
    String sinkDeps =
        IntStream.range(1, units - 1)
            .mapToObj(i -> String.format("\"m%04d\"", i))
            .collect(Collectors.joining(","));
    String json =
        "{\"schema_version\":\"1.0\",\"graph_id\":\"g-1\",\"request_id\":\"r-1\","
            + "\"tenant_id\":\"tenant-a\",\"created_at\":\"2026-01-01T00:00:00Z\","
            + "\"budgets\":{\"max_llm_calls\":0,\"max_cpu_units\":5000,\"max_tokens\":0,"
            + "\"max_latency_ms\":600000},\"work_units\":["
            + unit("root", "")
            + ","
            + middle
            + ","
            + unit("sink", sinkDeps)
            + "]}";
    ParseOutcome outcome =
        new GraphParser(IngressLimits.defaults()).parse(json.getBytes(StandardCharsets.UTF_8));
    return ((ParseOutcome.Accepted) outcome).graph();
  }

  private static String unit(String id, String dependencies) {
    return "{\"id\":\""
        + id
        + "\",\"type\":\"deterministic\",\"dependencies\":["
        + dependencies
        + "],\"input\":{\"text\":\"summarise section "
        + id
        + "\"},\"run\":{\"handler\":\"echo\"}}";
  }

  private record Run(List<Integer> sizes) {
    long max() {
      return sizes.stream().mapToLong(Integer::longValue).max().orElseThrow();
    }
  }
}
