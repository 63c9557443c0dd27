package dev.krako.cli;

import dev.krako.kafka.local.BrokerSettings;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.query.ApiKeyFile;
import dev.krako.query.ApiKeys;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code krako dev}: the whole system on this machine. A local KRaft broker, the topics, the
 * ingress and orchestration topologies, one CPU worker node and the query endpoint, all on
 * 127.0.0.1; then it submits the sample graphs and prints what happens to them.
 */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description =
        "Run Krako on this machine with a local broker, submit the sample graphs and "
            + "print their progress and results. Runs until interrupted, or with --once until the "
            + "samples have finished.")
final class DevCommand implements Callable<Integer> {

  static final String DEFAULT_BOOTSTRAP = "127.0.0.1:19092";
  static final String DEFAULT_HTTP_PORT = "18080";
  static final String DEV_TENANT = "tenant-demo";

  @Option(names = "--once", description = "Exit when every sample has a result or a rejection.")
  boolean once;

  @Option(
      names = "--samples",
      defaultValue = "samples",
      description = "Folder of TaskGraph JSON files to submit (default: ${DEFAULT-VALUE}).")
  Path samples;

  @Option(
      names = "--broker-port",
      defaultValue = "19092",
      description = "Broker port (default: ${DEFAULT-VALUE}).")
  int brokerPort;

  @Option(
      names = "--http-port",
      defaultValue = DEFAULT_HTTP_PORT,
      description = "Query endpoint port (default: ${DEFAULT-VALUE}).")
  int httpPort;

  @Option(
      names = "--api-keys",
      paramLabel = "FILE",
      description =
          "The query API's keys, a JSON file (docs/query-api.md). Default: a new random key of "
              + DEV_TENANT
              + ", written to the run's work folder.")
  Path apiKeys;

  @Option(
      names = "--partitions",
      defaultValue = "6",
      description = "Partitions per topic (default: ${DEFAULT-VALUE}).")
  int partitions;

  @Option(
      names = "--timeout",
      defaultValue = "PT2M",
      description =
          "With --once, how long to wait for the samples (ISO-8601, default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    List<Path> files = sampleFiles();
    if (files == null) {
      return KrakoCommand.USAGE;
    }
    Path work = Files.createTempDirectory("krako-dev-");
    ApiKeys keys;
    try {
      keys = apiKeys == null ? devKey(work) : ApiKeyFile.read(apiKeys);
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("krako dev: cannot read the API keys: " + e.getMessage());
      return KrakoCommand.USAGE;
    }
    long t0 = System.nanoTime();
    System.out.println("Starting a local Kafka broker on 127.0.0.1:" + brokerPort + " ...");
    try (LocalKafkaBroker broker =
        LocalKafkaBroker.start(
            BrokerSettings.defaults()
                .withDataDir(work.resolve("kafka"))
                .withBrokerPort(brokerPort)
                .withDefaultPartitions(partitions))) {
      System.out.printf(
          "Broker ready in %d ms. Creating topics and starting Krako ...%n", millisSince(t0));
      TopicNames names = TopicNames.defaults();
      broker.createTopics(KrakoTopicSpecs.all(names, partitions));
      try (KrakoSystem system =
          KrakoSystem.start(
              new KrakoSystem.Settings(
                      broker.bootstrapServers(),
                      names,
                      work.resolve("state"),
                      "",
                      2,
                      "127.0.0.1",
                      httpPort)
                  .withApiKeys(keys))) {
        System.out.printf(
            "Krako running in %d ms: topologies, CPU and LLM worker nodes (LLM pod: SIMULATED),"
                + " http://127.0.0.1:%d/v1/%n",
            millisSince(t0), system.httpPort());
        return runSamples(broker, system, names, files);
      }
    } catch (dev.krako.kafka.local.LocalKafkaException e) {
      System.err.println("krako dev: the local broker did not start: " + e.getMessage());
      return KrakoCommand.UNAVAILABLE;
    } catch (java.net.BindException e) {
      System.err.println(
          "krako dev: port " + httpPort + " is taken; choose another with --http-port.");
      return KrakoCommand.UNAVAILABLE;
    }
  }

  private int runSamples(
      LocalKafkaBroker broker, KrakoSystem system, TopicNames names, List<Path> files)
      throws Exception {
    try (SessionWatcher watcher =
            new SessionWatcher(broker.bootstrapServers(), new KrakoTopics(names), System.out);
        GraphSubmitter submitter =
            new GraphSubmitter(broker.bootstrapServers(), names.taskGraphs())) {
      Thread watching = new Thread(watcher, "krako-dev-watcher");
      watching.start();
      Set<String> graphIds = new LinkedHashSet<>();
      long submitted = System.nanoTime();
      for (Path file : files) {
        byte[] document = Files.readAllBytes(file);
        // KORA 0.1 samples carry no tenant or request id: dev mode sends them under the demo
        // tenant, with the file's name as the request id (two samples share a graph id).
        String requestId = GraphSubmitter.requestIdOf(document);
        if (requestId == null) {
          requestId = samples.relativize(file).toString().replace(".json", "");
        }
        submitter.submit(document, DEV_TENANT, requestId);
        graphIds.add(SessionWatcher.submission(GraphSubmitter.graphIdOf(document), requestId));
        System.out.println("Submitted " + samples.relativize(file));
      }
      int code = once ? awaitSamples(watcher, system, graphIds) : awaitInterrupt(system);
      if (once) {
        System.out.printf(
            "Samples finished in %d ms: %s%n", millisSince(submitted), watcher.outcomes());
      }
      return code;
    }
  }

  private int awaitSamples(SessionWatcher watcher, KrakoSystem system, Set<String> graphIds)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!watcher.allReachedAnOutcome(graphIds)) {
      if (system.failure().isDone()) {
        System.err.println("krako dev: a topology failed: " + system.failure().getNow(null));
        return KrakoCommand.FAILED;
      }
      if (System.nanoTime() > deadline) {
        System.err.println(
            "krako dev: not every sample finished within "
                + timeout
                + "; outcomes so far: "
                + watcher.outcomes());
        return KrakoCommand.NOT_FINISHED;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    TimeUnit.MILLISECONDS.sleep(300); // let the last event lines print before the summary
    return KrakoCommand.OK;
  }

  private int awaitInterrupt(KrakoSystem system) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "krako-dev-stop"));
    system.failure().thenRun(stop::countDown);
    System.out.println("Krako is running. Submit more with `krako submit FILE`; Ctrl-C stops it.");
    stop.await();
    return system.failure().isDone() ? KrakoCommand.FAILED : KrakoCommand.OK;
  }

  private List<Path> sampleFiles() throws IOException {
    if (!Files.isDirectory(samples)) {
      System.err.println(
          "krako dev: no samples folder at "
              + samples.toAbsolutePath()
              + " (run from the repository root, or pass --samples DIR)");
      return null;
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> list = Files.walk(samples)) {
      list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
    }
    return files;
  }

  /**
   * A fresh key of the demo tenant, written to a file in the work folder (which only this user can
   * read: a temporary directory is created owner-only) for {@code krako status}.
   */
  private static ApiKeys devKey(Path work) throws IOException {
    String key = ApiKeys.newKey();
    Path file = work.resolve("dev-api-key");
    Files.writeString(file, key);
    System.out.println(
        "The query API key of "
            + DEV_TENANT
            + " is in "
            + file
            + " (krako status GRAPH_ID --api-key-file "
            + file
            + ").");
    return ApiKeys.of(Map.of(key, DEV_TENANT));
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }
}
