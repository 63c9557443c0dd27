package dev.krako.cli;

import dev.krako.cli.conformance.Conformance;
import dev.krako.cli.conformance.ConformanceReport;
import dev.krako.cli.conformance.Corpus;
import dev.krako.cli.conformance.CorpusGraph;
import dev.krako.cli.conformance.Verdict;
import dev.krako.kafka.local.BrokerSettings;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code krako conformance}: runs the conformance corpus (KORA's graphs and graphs shaped like
 * them) through a live Krako — its own topics and applications on the given broker, or on a local
 * broker it starts — with a simulated LLM pod scripted for the corpus, and prints the table of
 * conformance properties × graph families (docs/conformance.md).
 */
@Command(
    name = "conformance",
    mixinStandardHelpOptions = true,
    description =
        "Run KORA's graphs through a live Krako and check the contract's conformance properties."
            + " Exit 0 when every property holds, 4 otherwise.")
final class ConformanceCommand implements Callable<Integer> {

  @Option(
      names = "--bootstrap",
      description = "A running broker (default: start a local one, as krako dev does).")
  String bootstrap;

  @Option(names = "--full", description = "The full corpus (200 stress graphs instead of 20).")
  boolean full;

  @Option(
      names = "--seed",
      defaultValue = "20261127",
      description = "Seed of the stress generator (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(
      names = "--timeout",
      defaultValue = "PT5M",
      description = "How long to wait for every graph (ISO-8601, default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    Path work = Files.createTempDirectory("krako-conformance-");
    if (bootstrap != null) {
      return run(bootstrap, work);
    }
    System.out.println("Starting a local Kafka broker ...");
    try (LocalKafkaBroker broker =
        LocalKafkaBroker.start(
            BrokerSettings.defaults().withDataDir(work.resolve("kafka")).withBrokerPort(0))) {
      return run(broker.bootstrapServers(), work);
    }
  }

  private int run(String bootstrapServers, Path work) throws Exception {
    String runId = "conformance-" + Long.toHexString(System.currentTimeMillis());
    List<CorpusGraph> corpus = Corpus.build(runId, full ? 200 : 20, seed);
    TopicNames names = TopicNames.defaults().withPrefix(runId + ".");
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
      // Replication factor 1: the harness's own throw-away topics, on one or more brokers.
      admin
          .createTopics(
              KrakoTopicSpecs.all(names, 3).stream()
                  .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1).configs(t.configs()))
                  .toList())
          .all()
          .get();
    }
    try (SimulatedLlmPod pod =
            SimulatedLlmPod.builder().script(Conformance.script(corpus)).start("127.0.0.1", 0);
        KrakoSystem system =
            KrakoSystem.start(
                new KrakoSystem.Settings(
                        bootstrapServers,
                        names,
                        work.resolve("state"),
                        runId + ".",
                        2,
                        "127.0.0.1",
                        0)
                    .withLlmPod(pod.baseUrl()))) {
      System.out.printf(
          "Krako is running (LLM pod: SIMULATED, scripted). Submitting %d graphs %s ...%n",
          corpus.size(), ConformanceReport.sizes(corpus));
      List<Verdict> verdicts =
          Conformance.run(bootstrapServers, new KrakoTopics(names), corpus, timeout);
      ConformanceReport report =
          new ConformanceReport(verdicts, billingReplay(bootstrapServers, names), corpus.size());
      System.out.println(report.table());
      report.problems().forEach(line -> System.out.println("  " + line));
      return report.passed() ? KrakoCommand.OK : KrakoCommand.FAILED;
    }
  }

  /**
   * The event log replayed into a fresh billing topology, against the live ledger (krako replay).
   */
  static List<String> billingReplay(String bootstrapServers, TopicNames names) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    ReplayReport report = LedgerReplay.run(bootstrapServers, names, Duration.ofSeconds(30));
    // The live billing application may still be billing the last events: wait for it to settle.
    while (!report.matches() && System.nanoTime() < deadline) {
      Thread.sleep(1000);
      report = LedgerReplay.run(bootstrapServers, names, Duration.ofSeconds(30));
    }
    List<String> problems = new ArrayList<>();
    if (!report.matches()) {
      problems.add(report.render());
    }
    return problems;
  }
}
