package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.avro.UnitTelemetry;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.query.ApiKeys;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check of issue 5: three CPU worker processes and two LLM worker processes ({@code krako
 * serve}, each its own JVM) on a live Krako (ingress and orchestration in this JVM), under a load
 * of graphs whose units are all non-idempotent; a fourth CPU worker joins and leaves during the
 * load (two rebalances), and one CPU worker is killed with SIGKILL in the middle of a unit. An
 * external witness ({@code --witness-file}) counts executions outside Kafka.
 *
 * <p>Each graph: {@code slow} (slow_echo, 2 s) → {@code model} (llm, simulated pod) → {@code tail}
 * (echo); two attempts each, a 20 s run timeout, so the orchestrator notices a dead worker.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerKillIT {

  private static final int MIN_GRAPHS = 30;
  private static final Duration PACE = Duration.ofMillis(600);
  private static final Duration PATIENCE = Duration.ofSeconds(180);
  private static final Set<String> WORKER_TERMINAL =
      Set.of(EventTypes.UNIT_COMPLETED, EventTypes.UNIT_FAILED);

  /** The worker processes' output, kept after the run for diagnosis. */
  private static final Path LOGS = Path.of("target", "worker-kill-it");

  @TempDir Path dir;
  private final List<ServeProcess> processes = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final List<SessionResult> results = new ArrayList<>();
  private final List<GraphRejected> rejections = new ArrayList<>();
  private final Set<String> seenInWitness = new HashSet<>();
  private long lastScan;

  @AfterEach
  void killWhatIsLeft() throws InterruptedException {
    for (ServeProcess p : processes) {
      p.close();
    }
  }

  @Test
  void everyUnitEndsOnceAndNoAttemptRunsTwiceWhenAWorkerIsKilledMidUnit(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    Files.createDirectories(LOGS);
    String prefix = names.topic("wk") + ".";
    TopicNames topicNames = TopicNames.defaults().withPrefix(prefix);
    KrakoTopics topics = new KrakoTopics(topicNames);
    broker.createTopics(KrakoTopicSpecs.all(topicNames, 6));
    Path witness = dir.resolve("witness.tsv");
    Path clientConfig = dir.resolve("client.properties");
    // A dead worker leaves its group after 6 s (the broker's minimum), not 45 s; a transaction it
    // left open is aborted after 10 s, not 60 s.
    Files.writeString(
        clientConfig,
        "session.timeout.ms=6000\nheartbeat.interval.ms=1000\ntransaction.timeout.ms=10000\n");

    try (SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0);
        KrakoSystem krako =
            KrakoSystem.start(topologies(broker, topicNames, prefix, dir.resolve("topologies")));
        GraphSubmitter submitter =
            new GraphSubmitter(broker.bootstrapServers(), topicNames.taskGraphs());
        KafkaConsumer<String, byte[]> reader = reader(broker, topicNames)) {
      List<String> common =
          List.of(
              "--bootstrap-servers", broker.bootstrapServers(),
              "--kafka-config", clientConfig.toString(),
              "--topic-prefix", prefix,
              "--worker-loops", "2",
              "--witness-file", witness.toString());
      for (String node : List.of("cpu-1", "cpu-2", "cpu-3")) {
        worker(node, "cpu-pool", common, List.of());
      }
      for (String node : List.of("llm-1", "llm-2")) {
        worker(node, "llm-pool", common, List.of("--llm-base-url", pod.baseUrl().toString()));
      }
      awaitReady(processes);
      ServeProcess cpu1 = processes.get(0);
      assertThat(cpu1.get("/metrics").body()).contains("krako_component_running");

      // The load runs until both rebalances and the kill are done, and at least MIN_GRAPHS long.
      AtomicInteger submitted = new AtomicInteger();
      AtomicBoolean stopLoad = new AtomicBoolean();
      CompletableFuture<Void> load =
          CompletableFuture.runAsync(() -> submitUntil(stopLoad, submitter, submitted));

      // Rebalance 1: a fourth CPU worker joins during the load.
      await().atMost(PATIENCE).until(() -> submitted.get() >= 4);
      ServeProcess cpu4 = worker("cpu-4", "cpu-pool", common, List.of());

      // SIGKILL cpu-1 while it runs a slow unit: one of 2 s that it started less than 500 ms ago.
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> freshSlowUnitOn("cpu-1-cpu", witness));
      cpu1.kill();

      // Rebalance 2: the fourth worker leaves gracefully (SIGTERM) while the load goes on.
      awaitReady(List.of(cpu4));
      cpu4.terminate();
      stopLoad.set(true);
      load.get();
      int graphs = submitted.get();

      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                poll(reader, topics);
                return results.size() >= graphs;
              });
      // Let late duplicates, if any, arrive before counting.
      await()
          .pollDelay(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                poll(reader, topics);
                return true;
              });

      List<ExecutionWitness.Line> lines = witnessLines(witness);
      assertOneResultPerGraph(graphs);
      assertEveryAttemptEndsAtMostOnce(lines);
      assertEveryUnitHasOneFinalOutcome();
      assertTheKilledUnitsWereRetriedOrExhausted(lines, "cpu-1-cpu");
      assertModelUnitsRanOnlyOnLlmNodes(lines);
      assertThat(krako.failure()).isNotDone();
    }
  }

  private void assertOneResultPerGraph(int graphs) {
    assertThat(rejections).isEmpty();
    Map<String, Long> perGraph =
        results.stream()
            .collect(Collectors.groupingBy(SessionResult::getGraphId, Collectors.counting()));
    assertThat(perGraph).hasSize(graphs).allSatisfy((g, n) -> assertThat(n).isEqualTo(1));
  }

  /**
   * Per attempt: one claim at most, one worker outcome at most, one execution at most (witness),
   * and every outcome from the node that the witness saw run it.
   */
  private void assertEveryAttemptEndsAtMostOnce(List<ExecutionWitness.Line> lines) {
    Map<String, Long> claims = countByAttempt(EventTypes.UNIT_CLAIMED);
    assertThat(claims).allSatisfy((k, n) -> assertThat(n).as(k).isEqualTo(1));
    Map<String, List<Event>> outcomes =
        events.stream()
            .filter(e -> WORKER_TERMINAL.contains(e.getEventType()))
            .collect(Collectors.groupingBy(WorkerKillIT::attemptKey));
    assertThat(outcomes).allSatisfy((k, list) -> assertThat(list).as(k).hasSize(1));
    Map<String, List<ExecutionWitness.Line>> executions =
        lines.stream().collect(Collectors.groupingBy(WorkerKillIT::attemptKey));
    assertThat(executions).allSatisfy((k, list) -> assertThat(list).as(k).hasSize(1));
    outcomes.forEach(
        (k, list) ->
            assertThat(executions.get(k))
                .as("the witness of " + k)
                .singleElement()
                .extracting(ExecutionWitness.Line::nodeId)
                .isEqualTo(list.get(0).getSource().getId()));
  }

  /**
   * Per unit, exactly one final outcome: the result lists it once, and a completed unit has exactly
   * one {@code workunit.completed} of its last attempt. An earlier attempt may have a completion
   * too only when it had timed out first (run timeouts start at dispatch, so a unit queued past its
   * timeout may still run late): the orchestrator then scheduled the next attempt and ignored the
   * late outcome.
   */
  private void assertEveryUnitHasOneFinalOutcome() {
    for (SessionResult result : results) {
      List<UnitTelemetry> units = result.getTelemetry().getUnits();
      assertThat(units)
          .extracting(UnitTelemetry::getWorkUnitId)
          .containsExactlyInAnyOrder("slow", "model", "tail");
      for (UnitTelemetry unit : units) {
        String unitKey = result.getSessionId() + "/" + unit.getWorkUnitId();
        List<Event> ofUnit =
            events.stream()
                .filter(e -> result.getSessionId().equals(e.getSessionId()))
                .filter(e -> unit.getWorkUnitId().equals(e.getWorkUnitId()))
                .toList();
        int last = unit.getAttempts() - 1;
        List<Integer> completed =
            ofUnit.stream()
                .filter(e -> EventTypes.UNIT_COMPLETED.equals(e.getEventType()))
                .map(Event::getAttemptIndex)
                .toList();
        Set<Integer> retried =
            ofUnit.stream()
                .filter(e -> EventTypes.UNIT_RETRY_SCHEDULED.equals(e.getEventType()))
                .map(Event::getAttemptIndex) // the attempt that failed
                .collect(Collectors.toSet());
        if ("completed".equals(unit.getStatus())) {
          assertThat(completed).as(unitKey + " " + unit).containsOnlyOnce(last);
        }
        String story =
            unitKey
                + " "
                + unit
                + " in a session "
                + result.getStatus()
                + "/"
                + result.getStopReason()
                + ", events "
                + ofUnit.stream()
                    .map(
                        e ->
                            e.getEventType()
                                + "#"
                                + e.getAttemptIndex()
                                + "@"
                                + e.getSource().getId())
                    .toList();
        assertThat(completed)
            .as(story + ": completions other than the accepted one")
            .filteredOn(a -> !("completed".equals(unit.getStatus()) && a == last))
            .allSatisfy(a -> assertThat(retried).as(unitKey + "#" + a).contains(a));
      }
    }
  }

  /**
   * The killed node's units that never reported: there is at least one (it was killed mid-unit),
   * and each ran its next attempt on another node, or its session ended retry_exhausted.
   */
  private void assertTheKilledUnitsWereRetriedOrExhausted(
      List<ExecutionWitness.Line> lines, String killedNode) {
    Set<String> reported =
        events.stream()
            .filter(e -> WORKER_TERMINAL.contains(e.getEventType()))
            .map(WorkerKillIT::attemptKey)
            .collect(Collectors.toSet());
    List<ExecutionWitness.Line> cutOff =
        lines.stream()
            .filter(l -> l.nodeId().equals(killedNode))
            .filter(l -> !reported.contains(attemptKey(l)))
            .toList();
    assertThat(cutOff).as("units the killed worker was running").isNotEmpty();
    Map<String, SessionResult> bySession =
        results.stream()
            .collect(Collectors.toMap(SessionResult::getSessionId, Function.identity()));
    for (ExecutionWitness.Line killed : cutOff) {
      String next = key(killed.sessionId(), killed.workUnitId(), killed.attemptIndex() + 1);
      boolean retried =
          lines.stream().anyMatch(l -> attemptKey(l).equals(next) && !l.nodeId().equals(killedNode))
              && events.stream()
                  .anyMatch(
                      e ->
                          EventTypes.UNIT_RETRY_SCHEDULED.equals(e.getEventType())
                              && killed.sessionId().equals(e.getSessionId())
                              && killed.workUnitId().equals(e.getWorkUnitId())
                              && e.getAttemptIndex() == killed.attemptIndex());
      boolean exhausted =
          bySession.get(killed.sessionId()).getStopReason() == StopReason.retry_exhausted;
      assertThat(retried || exhausted).as("the next step of " + attemptKey(killed)).isTrue();
    }
  }

  private void assertModelUnitsRanOnlyOnLlmNodes(List<ExecutionWitness.Line> lines) {
    List<Event> claims =
        events.stream().filter(e -> EventTypes.UNIT_CLAIMED.equals(e.getEventType())).toList();
    assertThat(claims).isNotEmpty();
    for (Event claim : claims) {
      String node = claim.getSource().getId().toString();
      if ("model".equals(claim.getWorkUnitId())) {
        assertThat(node).as(attemptKey(claim)).endsWith("-llm");
      } else {
        assertThat(node).as(attemptKey(claim)).endsWith("-cpu");
      }
    }
    assertThat(lines)
        .filteredOn(l -> l.workUnitId().equals("model"))
        .isNotEmpty()
        .allSatisfy(l -> assertThat(l.nodeId()).endsWith("-llm"));
  }

  private Map<String, Long> countByAttempt(String type) {
    return events.stream()
        .filter(e -> type.equals(e.getEventType()))
        .collect(Collectors.groupingBy(WorkerKillIT::attemptKey, Collectors.counting()));
  }

  /**
   * Whether {@code node} started a slow unit since the previous scan, less than 500 ms ago: a
   * witness line that was not in the file at the previous scan. The first scan only takes note of
   * what is already there.
   */
  private boolean freshSlowUnitOn(String node, Path witness) throws Exception {
    long now = System.nanoTime();
    boolean fresh = false;
    for (ExecutionWitness.Line line : witnessLines(witness)) {
      boolean isNew = seenInWitness.add(attemptKey(line));
      fresh |=
          isNew
              && lastScan != 0
              && now - lastScan < 500_000_000L
              && line.nodeId().equals(node)
              && line.workUnitId().equals("slow");
    }
    lastScan = now;
    return fresh;
  }

  private ServeProcess worker(String node, String pool, List<String> common, List<String> extra) {
    List<String> args = new ArrayList<>(common);
    args.addAll(
        List.of(
            "--components", pool,
            "--instance-id", node,
            "--state-dir", dir.resolve(node).toString()));
    args.addAll(extra);
    ServeProcess process = ServeProcess.start(node, LOGS, args);
    processes.add(process);
    return process;
  }

  private static void awaitReady(List<ServeProcess> starting) {
    for (ServeProcess p : starting) {
      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(200))
          .failFast(p + " exited", () -> !p.isAlive())
          .until(p::ready);
    }
  }

  /** Submits a graph every {@link #PACE}, at least {@link #MIN_GRAPHS}, until told to stop. */
  private static void submitUntil(
      AtomicBoolean stop, GraphSubmitter submitter, AtomicInteger submitted) {
    try {
      while (submitted.get() < MIN_GRAPHS || !stop.get()) {
        submitter.submit(graph("g-kill-" + submitted.get()).getBytes(StandardCharsets.UTF_8));
        submitted.incrementAndGet();
        Thread.sleep(PACE.toMillis()); // pacing the load, not waiting for an outcome
      }
    } catch (Exception e) {
      throw new IllegalStateException("The load stopped.", e);
    }
  }

  /** slow → model → tail, every unit non-idempotent, two attempts, a 20 s run timeout. */
  static String graph(String graphId) {
    String policy =
        "\"idempotent\":false,\"retries\":{\"max_attempts\":2,\"backoff_ms\":0},"
            + "\"timeouts\":{\"run_timeout_ms\":20000}";
    return "{\"schema_version\":\"1.0\",\"graph_id\":\""
        + graphId
        + "\",\"request_id\":\"req-"
        + graphId
        + "\",\"tenant_id\":\"tenant-it\",\"created_at\":\"2026-11-27T00:00:00Z\","
        + "\"budgets\":{\"max_llm_calls\":2,\"max_cpu_units\":4,\"max_tokens\":2000,"
        + "\"max_latency_ms\":120000},\"work_units\":["
        + "{\"id\":\"slow\",\"type\":\"deterministic\",\"input\":{\"message\":\"hi\"},"
        + "\"run\":{\"handler\":\"slow_echo\",\"args\":{\"delay_ms\":2000}},"
        + policy
        + "},{\"id\":\"model\",\"type\":\"llm\",\"dependencies\":[\"slow\"],"
        + "\"run\":{\"tier\":\"small\",\"prompt\":\"Say hi\"},"
        + policy
        + "},{\"id\":\"tail\",\"type\":\"deterministic\",\"dependencies\":[\"model\"],"
        + "\"run\":{\"handler\":\"echo\",\"args\":{\"message\":\"done\"}},"
        + policy
        + "}]}";
  }

  /** Ingress and orchestration in this JVM, as a topology process runs them; no worker here. */
  private static KrakoSystem.Settings topologies(
      LocalKafkaBroker broker, TopicNames topicNames, String prefix, Path stateDir) {
    return new KrakoSystem.Settings(
        broker.bootstrapServers(),
        Map.of(),
        topicNames,
        EnumSet.of(Component.INGRESS, Component.ORCHESTRATION),
        prefix,
        prefix + "instance-0",
        stateDir,
        "127.0.0.1",
        0,
        "127.0.0.1",
        ApiKeys.none(),
        new KrakoSystem.Workers(prefix + "unused", 1, 1, null, null));
  }

  private static KafkaConsumer<String, byte[]> reader(
      LocalKafkaBroker broker, TopicNames topicNames) {
    KafkaConsumer<String, byte[]> reader =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    reader.subscribe(List.of(topicNames.events(), topicNames.results(), topicNames.rejected()));
    return reader;
  }

  private void poll(KafkaConsumer<String, byte[]> reader, KrakoTopics topics) {
    for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(50))) {
      if (r.topic().equals(topics.events().name())) {
        events.add(topics.events().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      } else if (r.topic().equals(topics.results().name())) {
        results.add(topics.results().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      } else {
        rejections.add(
            topics.rejected().valueSerde().deserializer().deserialize(r.topic(), r.value()));
      }
    }
  }

  /** The complete lines of the witness file (a line being written has no newline yet). */
  private static List<ExecutionWitness.Line> witnessLines(Path witness) throws Exception {
    if (!Files.exists(witness)) {
      return List.of();
    }
    String text = Files.readString(witness);
    String complete = text.substring(0, text.lastIndexOf('\n') + 1);
    List<ExecutionWitness.Line> lines = new ArrayList<>();
    for (String line : complete.split("\n")) {
      if (!line.isEmpty()) {
        lines.add(ExecutionWitness.Line.parse(line));
      }
    }
    return lines;
  }

  private static String attemptKey(Event e) {
    return key(
        String.valueOf(e.getSessionId()), String.valueOf(e.getWorkUnitId()), e.getAttemptIndex());
  }

  private static String attemptKey(ExecutionWitness.Line l) {
    return key(l.sessionId(), l.workUnitId(), l.attemptIndex());
  }

  private static String key(String session, String unit, int attempt) {
    return session + "/" + unit + "#" + attempt;
  }
}
