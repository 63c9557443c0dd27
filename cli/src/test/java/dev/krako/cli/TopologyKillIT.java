package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.query.ApiKeys;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection, issue 9.1: two topology processes ({@code krako serve --components
 * ingress,orchestration,billing,trust,capacity,query}, each its own JVM, the same application ids,
 * distinct instance ids and state dirs) share the work of a load of graphs; one of them is killed
 * with SIGKILL mid-load. The CPU pool runs in this JVM with an execution witness.
 *
 * <p>It asserts that every graph still gets exactly one result, that no attempt ran more often than
 * it was dispatched (the CPU pool starts units early, so an attempt whose dispatch the killed
 * instance had not committed may run once more: ADR 025), that every unit is billed exactly once
 * and that the live ledger is what a replay of the event log bills; and it measures the recovery
 * time (docs/reliability.md).
 */
@ExtendWith(KafkaBrokerExtension.class)
class TopologyKillIT {

  private static final int GRAPHS = 40;
  private static final int KILL_AFTER = 12;
  private static final Duration PACE = Duration.ofMillis(300);
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  /** The bound asserted on the recovery time; the measured value goes to docs/reliability.md. */
  private static final Duration RECOVERY_BOUND = Duration.ofSeconds(60);

  private static final String TOPOLOGY = "ingress,orchestration,billing,trust,capacity,query";
  private static final Path LOGS = Path.of("target", "topology-kill-it");

  @TempDir Path dir;
  private final List<ServeProcess> processes = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() throws InterruptedException {
    for (ServeProcess p : processes) {
      p.close();
    }
  }

  @Test
  void aKilledTopologyInstanceLosesNothingAndBillsNothingTwice(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    Files.createDirectories(LOGS);
    String prefix = names.topic("tk") + ".";
    TopicNames topicNames = TopicNames.defaults().withPrefix(prefix);
    KrakoTopics topics = new KrakoTopics(topicNames);
    broker.createTopics(KrakoTopicSpecs.all(topicNames, 6));
    Path witness = dir.resolve("witness.tsv");
    Path clientConfig = dir.resolve("client.properties");
    // The dead instance leaves its groups after 6 s (the broker's minimum), not 45 s.
    Files.writeString(clientConfig, "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
    List<String> common =
        List.of(
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--kafka-config",
            clientConfig.toString(),
            "--topic-prefix",
            prefix,
            "--components",
            TOPOLOGY);
    ServeProcess doomed = topology("topo-1", common);
    ServeProcess survivor = topology("topo-2", common);

    try (KrakoSystem workers = KrakoSystem.start(workers(broker, topicNames, prefix, witness));
        GraphSubmitter submitter =
            new GraphSubmitter(broker.bootstrapServers(), topicNames.taskGraphs());
        FaultLog log = new FaultLog(broker.bootstrapServers(), topics)) {
      doomed.awaitReady(PATIENCE);
      survivor.awaitReady(PATIENCE);
      List<String> submitted = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> load = CompletableFuture.runAsync(() -> submit(submitter, submitted));

      // Kill topo-1 once it orchestrates at least two sessions that have no result yet.
      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                log.poll();
                return submitted.size() >= KILL_AFTER && inFlightOn("topo-1", log).size() >= 2;
              });
      Set<String> orphaned = inFlightOn("topo-1", log);
      doomed.kill();
      long killedAt = System.currentTimeMillis();

      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                log.poll();
                return load.isDone() && log.results.size() >= submitted.size();
              });
      load.get();
      // Let late duplicates, if any, arrive before counting.
      await()
          .pollDelay(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                log.poll();
                return true;
              });

      long takeover = firstEventOn("topo-2", orphaned, killedAt, log) - killedAt;
      long allDone =
          orphaned.stream().mapToLong(s -> log.resultReadAt.get(s)).max().orElseThrow() - killedAt;
      System.out.printf(
          "TopologyKillIT: %d graphs, %d sessions in flight on the killed instance; topo-2 emitted"
              + " its first event for one of them %d ms after the kill, the last of them had its"
              + " result %d ms after the kill%n",
          submitted.size(), orphaned.size(), takeover, allDone);

      log.assertOneResultPerGraph(submitted);
      assertThat(log.results)
          .extracting(SessionResult::getStopReason)
          .as("every session succeeds")
          .containsOnly(StopReason.success);
      Set<String> ranTwice =
          FaultLog.assertNoAttemptExecutedMoreOftenThanDispatched(
              FaultLog.witnessLines(witness),
              FaultLog.dispatchesWritten(broker.bootstrapServers(), topics));
      System.out.printf(
          "TopologyKillIT: %d attempts ran twice, each from a dispatch of an aborted transaction"
              + " and its second dispatch (early start, ADR 025)%n",
          ranTwice.size());
      assertThat(takeover).isLessThan(RECOVERY_BOUND.toMillis());
      assertBilledOnceAndReplayable(broker, topicNames, submitted);
      assertThat(survivor.isAlive()).isTrue();
      assertThat(workers.failure()).isNotDone();
    }
  }

  /**
   * Every unit billed once, and a replay of the event log bills exactly the live ledger (billing
   * may still be catching up on the newest events: it is awaited, not assumed).
   */
  private static void assertBilledOnceAndReplayable(
      LocalKafkaBroker broker, TopicNames topicNames, List<String> graphs) {
    List<String> units = graphs.stream().flatMap(g -> Stream.of(g + "/slow", g + "/tail")).toList();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .untilAsserted(
            () ->
                FaultLog.assertEachCpuUnitBilledOnce(
                    LedgerReplay.liveLedger(
                        broker.bootstrapServers(), topicNames, Duration.ofSeconds(10)),
                    units));
    ReplayReport report =
        await()
            .atMost(PATIENCE)
            .pollInterval(Duration.ofSeconds(2))
            .until(
                () ->
                    LedgerReplay.run(broker.bootstrapServers(), topicNames, Duration.ofSeconds(60)),
                ReplayReport::matches);
    System.out.print(report.render());
  }

  /**
   * When the first orchestrator event from {@code instance} about one of {@code sessions} was read
   * after {@code since}: the surviving instance taking over a session of the killed one.
   */
  private static long firstEventOn(
      String instance, Set<String> sessions, long since, FaultLog log) {
    for (int i = 0; i < log.events.size(); i++) {
      Event e = log.events.get(i);
      if (log.eventReadAt.get(i) >= since
          && fromOrchestrator(e, instance)
          && sessions.contains(String.valueOf(e.getSessionId()))) {
        return log.eventReadAt.get(i);
      }
    }
    throw new AssertionError(instance + " emitted nothing about the sessions of the killed one");
  }

  private static boolean fromOrchestrator(Event e, String instance) {
    return instance.contentEquals(e.getSource().getId())
        && "orchestrator".contentEquals(e.getSource().getComponent());
  }

  /** Sessions with an orchestrator event from {@code instance} and no result read yet. */
  private static Set<String> inFlightOn(String instance, FaultLog log) {
    return log.events.stream()
        .filter(e -> fromOrchestrator(e, instance))
        .map(Event::getSessionId)
        .map(String::valueOf)
        .filter(s -> !log.resultReadAt.containsKey(s))
        .collect(Collectors.toSet());
  }

  private ServeProcess topology(String instance, List<String> common) {
    List<String> args = new ArrayList<>(common);
    args.addAll(
        List.of("--instance-id", instance, "--state-dir", dir.resolve(instance).toString()));
    ServeProcess process = ServeProcess.start(instance, LOGS, args);
    processes.add(process);
    return process;
  }

  private static void submit(GraphSubmitter submitter, List<String> submitted) {
    try {
      for (int i = 0; i < GRAPHS; i++) {
        String graphId = "g-topo-" + i;
        submitter.submit(
            Graphs.slowThenTail(graphId, 1000, 20000).getBytes(StandardCharsets.UTF_8));
        submitted.add(graphId);
        Thread.sleep(PACE.toMillis()); // pacing the load, not waiting for an outcome
      }
    } catch (Exception e) {
      throw new IllegalStateException("The load stopped.", e);
    }
  }

  /** The CPU pool in this JVM, three claim loops, every execution start in the witness file. */
  private static KrakoSystem.Settings workers(
      LocalKafkaBroker broker, TopicNames topicNames, String prefix, Path witness) {
    return new KrakoSystem.Settings(
        broker.bootstrapServers(),
        Map.of(),
        topicNames,
        EnumSet.of(Component.CPU_POOL),
        prefix,
        prefix + "workers",
        witness.resolveSibling("workers"),
        "127.0.0.1",
        0,
        "127.0.0.1",
        ApiKeys.none(),
        new KrakoSystem.Workers(prefix + "w", 3, 1, null, witness));
  }
}
