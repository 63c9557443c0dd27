package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.SessionResult;
import dev.krako.avro.StopReason;
import dev.krako.billing.LedgerLine;
import dev.krako.billing.LineItem;
import dev.krako.events.EventTypes;
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
import java.util.HashSet;
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
 * Fault injection, issue 9.1: a CPU worker process killed with SIGKILL in the middle of a unit is
 * not billed for it. The unit's next attempt runs on the other worker and is billed once; every
 * other unit is billed once too, and a replay of the event log bills exactly the live ledger.
 * Ingress, orchestration and billing run in this JVM; the two workers are {@code krako serve}
 * processes with an execution witness.
 */
@ExtendWith(KafkaBrokerExtension.class)
class WorkerKillBillingIT {

  private static final int GRAPHS = 16;
  private static final Duration PACE = Duration.ofMillis(500);
  private static final Duration PATIENCE = Duration.ofSeconds(120);
  private static final Path LOGS = Path.of("target", "worker-kill-billing-it");
  private static final String KILLED_NODE = "cpu-1-cpu";

  @TempDir Path dir;
  private final List<ServeProcess> processes = new ArrayList<>();
  private final Set<String> seenInWitness = new HashSet<>();
  private long lastScan;

  @AfterEach
  void killWhatIsLeft() throws InterruptedException {
    for (ServeProcess p : processes) {
      p.close();
    }
  }

  @Test
  void aWorkerKilledMidUnitIsNotBilledAndTheRetryIsBilledOnce(
      LocalKafkaBroker broker, KafkaTestNames names) throws Exception {
    Files.createDirectories(LOGS);
    String prefix = names.topic("wb") + ".";
    TopicNames topicNames = TopicNames.defaults().withPrefix(prefix);
    broker.createTopics(KrakoTopicSpecs.all(topicNames, 6));
    Path witness = dir.resolve("witness.tsv");
    Path clientConfig = dir.resolve("client.properties");
    // A dead worker leaves its group after 6 s, and its open transaction is aborted after 10 s.
    Files.writeString(
        clientConfig,
        "session.timeout.ms=6000\nheartbeat.interval.ms=1000\ntransaction.timeout.ms=10000\n");
    List<String> common =
        List.of(
            "--bootstrap-servers",
            broker.bootstrapServers(),
            "--kafka-config",
            clientConfig.toString(),
            "--topic-prefix",
            prefix,
            "--components",
            "cpu-pool",
            "--worker-loops",
            "2",
            "--witness-file",
            witness.toString());

    try (KrakoSystem krako =
            KrakoSystem.start(topologies(broker, topicNames, prefix, dir.resolve("topologies")));
        GraphSubmitter submitter =
            new GraphSubmitter(broker.bootstrapServers(), topicNames.taskGraphs());
        FaultLog log = new FaultLog(broker.bootstrapServers(), new KrakoTopics(topicNames))) {
      ServeProcess cpu1 = worker("cpu-1", common);
      ServeProcess cpu2 = worker("cpu-2", common);
      cpu1.awaitReady(PATIENCE);
      cpu2.awaitReady(PATIENCE);
      List<String> submitted = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> load = CompletableFuture.runAsync(() -> submit(submitter, submitted));

      await()
          .atMost(PATIENCE)
          .pollInterval(Duration.ofMillis(20))
          .until(() -> freshSlowUnitOn(KILLED_NODE, witness));
      cpu1.kill();

      await()
          .atMost(PATIENCE)
          .until(
              () -> {
                log.poll();
                return load.isDone() && log.results.size() >= submitted.size();
              });
      load.get();
      await()
          .pollDelay(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(
              () -> {
                log.poll();
                return true;
              });

      List<ExecutionWitness.Line> lines = FaultLog.witnessLines(witness);
      log.assertOneResultPerGraph(submitted);
      assertThat(log.results)
          .extracting(SessionResult::getStopReason)
          .as("every session succeeds")
          .containsOnly(StopReason.success);
      FaultLog.assertNoAttemptExecutedTwice(lines);
      List<ExecutionWitness.Line> cutOff = cutOff(lines, log.events);
      assertThat(cutOff).as("units the killed worker was running").isNotEmpty();

      List<String> units =
          submitted.stream().flatMap(g -> Stream.of(g + "/slow", g + "/tail")).toList();
      List<LedgerLine> ledger =
          await()
              .atMost(PATIENCE)
              .pollInterval(Duration.ofSeconds(1))
              .until(
                  () ->
                      LedgerReplay.liveLedger(
                          broker.bootstrapServers(), topicNames, Duration.ofSeconds(10)),
                  l ->
                      l.stream().filter(e -> e.lineItem() == LineItem.WORKUNIT_CPU).count()
                          >= units.size());
      FaultLog.assertEachCpuUnitBilledOnce(ledger, units);
      for (ExecutionWitness.Line killed : cutOff) {
        assertThat(ledger)
            .filteredOn(e -> e.sessionId().equals(killed.sessionId()))
            .filteredOn(e -> e.work().workUnitId().equals(killed.workUnitId()))
            .extracting(e -> e.work().attemptIndex())
            .as("the bill of " + killed + ": its next attempt's, not its own")
            .containsExactly(killed.attemptIndex() + 1);
      }
      ReplayReport report =
          await()
              .atMost(PATIENCE)
              .pollInterval(Duration.ofSeconds(2))
              .until(
                  () ->
                      LedgerReplay.run(
                          broker.bootstrapServers(), topicNames, Duration.ofSeconds(60)),
                  ReplayReport::matches);
      System.out.print(report.render());
      System.out.printf(
          "WorkerKillBillingIT: %d graphs, %d unit(s) cut off by the kill, %d ledger lines%n",
          submitted.size(), cutOff.size(), ledger.size());
      assertThat(krako.failure()).isNotDone();
    }
  }

  /** The killed node's executions that never reported an outcome. */
  private static List<ExecutionWitness.Line> cutOff(
      List<ExecutionWitness.Line> lines, List<Event> events) {
    Set<String> reported =
        events.stream()
            .filter(
                e ->
                    EventTypes.UNIT_COMPLETED.equals(e.getEventType())
                        || EventTypes.UNIT_FAILED.equals(e.getEventType()))
            .map(e -> e.getSessionId() + "/" + e.getWorkUnitId() + "#" + e.getAttemptIndex())
            .collect(Collectors.toSet());
    return lines.stream()
        .filter(l -> l.nodeId().equals(KILLED_NODE))
        .filter(
            l -> !reported.contains(l.sessionId() + "/" + l.workUnitId() + "#" + l.attemptIndex()))
        .toList();
  }

  /**
   * Whether {@code node} started a slow unit since the previous scan, less than 500 ms ago; the
   * first scan only takes note of what is already there.
   */
  private boolean freshSlowUnitOn(String node, Path witness) throws Exception {
    long now = System.nanoTime();
    boolean fresh = false;
    for (ExecutionWitness.Line line : FaultLog.witnessLines(witness)) {
      boolean isNew =
          seenInWitness.add(line.sessionId() + "/" + line.workUnitId() + "#" + line.attemptIndex());
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

  private ServeProcess worker(String node, List<String> common) {
    List<String> args = new ArrayList<>(common);
    args.addAll(List.of("--instance-id", node, "--state-dir", dir.resolve(node).toString()));
    ServeProcess process = ServeProcess.start(node, LOGS, args);
    processes.add(process);
    return process;
  }

  private static void submit(GraphSubmitter submitter, List<String> submitted) {
    try {
      for (int i = 0; i < GRAPHS; i++) {
        String graphId = "g-wkb-" + i;
        submitter.submit(
            Graphs.slowThenTail(graphId, 2000, 15000).getBytes(StandardCharsets.UTF_8));
        submitted.add(graphId);
        Thread.sleep(PACE.toMillis()); // pacing the load, not waiting for an outcome
      }
    } catch (Exception e) {
      throw new IllegalStateException("The load stopped.", e);
    }
  }

  /** Ingress, orchestration and billing in this JVM; no worker here. */
  private static KrakoSystem.Settings topologies(
      LocalKafkaBroker broker, TopicNames topicNames, String prefix, Path stateDir) {
    return new KrakoSystem.Settings(
        broker.bootstrapServers(),
        Map.of(),
        topicNames,
        EnumSet.of(Component.INGRESS, Component.ORCHESTRATION, Component.BILLING),
        prefix,
        prefix + "instance-0",
        stateDir,
        "127.0.0.1",
        0,
        "127.0.0.1",
        ApiKeys.none(),
        new KrakoSystem.Workers(prefix + "unused", 1, 1, null, null));
  }
}
