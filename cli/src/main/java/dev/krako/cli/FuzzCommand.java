package dev.krako.cli;

import dev.krako.cli.fuzz.FuzzReport;
import dev.krako.cli.fuzz.FuzzRun;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code krako fuzz}: publishes hostile graph records and garbage for the internal topics to a
 * running Krako and checks that every one of them met its fate (docs/reliability.md).
 */
@Command(
    name = "fuzz",
    mixinStandardHelpOptions = true,
    description =
        "Publish hostile TaskGraph records (and, with --internal-garbage, undecodable records on "
            + "the internal topics) to a running Krako, then check that every record was "
            + "rejected with a reason, dead-lettered with its coordinates, or completed. "
            + "Exit 0 when all were, 1 when one was not.")
final class FuzzCommand implements Callable<Integer> {

  @Option(
      names = "--bootstrap-servers",
      defaultValue = DevCommand.DEFAULT_BOOTSTRAP,
      description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}, the dev broker).")
  String bootstrapServers;

  @Option(
      names = "--topic-prefix",
      defaultValue = "",
      description = "Prefix of the deployment's topic names (default: none).")
  String topicPrefix;

  @Option(
      names = "--records",
      defaultValue = "10000",
      description = "Hostile graph records to publish (default: ${DEFAULT-VALUE}).")
  int records;

  @Option(
      names = "--seed",
      description = "The generator's seed (default: random, printed, so a run can be repeated).")
  Long seed;

  @Option(
      names = "--internal-garbage",
      defaultValue = "0",
      description =
          "Undecodable records per internal topic (sessions.admitted, events, the three "
              + "dispatch topics; default: ${DEFAULT-VALUE}).")
  int garbagePerTopic;

  @Option(
      names = "--good-every",
      defaultValue = "200",
      description =
          "One good graph (another tenant's, which must complete) after every this many hostile "
              + "records (default: ${DEFAULT-VALUE}).")
  int goodEvery;

  @Option(
      names = "--good-spacing",
      defaultValue = "PT1S",
      description =
          "The least time between two good graphs, so that they stay within the throttled "
              + "admission rate of 2/s a backlog may impose (ISO-8601, default: ${DEFAULT-VALUE}).")
  Duration goodSpacing;

  @Option(
      names = "--good-after",
      defaultValue = "20",
      description = "Good graphs sent after the storm, which must complete (default: 20).")
  int goodAfter;

  @Option(
      names = "--patience",
      defaultValue = "PT5M",
      description = "How long to wait for every fate (ISO-8601, default: ${DEFAULT-VALUE}).")
  Duration patience;

  @Override
  public Integer call() throws Exception {
    long chosen = seed != null ? seed : new java.security.SecureRandom().nextLong();
    KrakoTopics topics = new KrakoTopics(TopicNames.defaults().withPrefix(topicPrefix));
    FuzzRun run =
        new FuzzRun(
            new FuzzRun.Settings(
                bootstrapServers,
                topics,
                chosen,
                UUID.randomUUID().toString().substring(0, 8),
                records,
                garbagePerTopic,
                goodEvery,
                goodAfter,
                goodSpacing,
                garbagePerTopic == 0 ? Map.of() : standardConsumers(topics.names()),
                patience,
                Map.of()),
            System.out::println);
    System.out.println("krako fuzz: seed " + chosen);
    FuzzReport report = run.run();
    report.print(System.out);
    return report.passed() ? KrakoCommand.OK : KrakoCommand.NOT_FINISHED;
  }

  /**
   * Who reads each internal topic in a standard deployment: a dead-letter record's component names
   * the Streams application, or {@code worker:<loop>} for a claim loop.
   */
  static Map<String, List<String>> standardConsumers(TopicNames n) {
    Map<String, List<String>> consumers = new LinkedHashMap<>();
    consumers.put(n.admitted(), List.of("orchestration"));
    consumers.put(n.events(), List.of("billing", "trust", "capacity"));
    consumers.put(n.reports(), List.of("orchestration"));
    consumers.put(n.dispatchCpu(), List.of("worker"));
    consumers.put(n.dispatchCpuTrusted(), List.of("worker"));
    consumers.put(n.dispatchLlm(), List.of("worker"));
    return consumers;
  }
}
