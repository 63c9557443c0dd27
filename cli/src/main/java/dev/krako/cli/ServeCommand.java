package dev.krako.cli;

import dev.krako.query.ApiKeyFile;
import dev.krako.query.ApiKeys;
import dev.krako.worker.llm.LlmPodSettings;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code krako serve}: one deployable process running the components it is told to
 * (docs/operations-processes.md, ADR 010). It runs until SIGTERM, then stops gracefully (worker
 * nodes finish or release their units, Streams applications leave their groups); it exits non-zero
 * when a component fails for good.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    defaultValueProvider = EnvDefaults.class,
    description =
        "Run the named Krako components in this process against a Kafka cluster, until SIGTERM."
            + " Every option also reads KRAKO_<OPTION> from the environment"
            + " (--api-keys: KRAKO_API_KEYS_FILE).")
final class ServeCommand implements Callable<Integer> {

  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  /** How long SIGTERM waits for the components to stop; within Kubernetes' default 30 s grace. */
  private static final long STOP_WAIT_SECONDS = 28;

  @Mixin ClusterOptions cluster;

  @Option(
      names = "--components",
      paramLabel = "LIST",
      defaultValue = "ingress,orchestration,billing,trust,capacity,query",
      description =
          "Comma list out of ingress,orchestration,billing,trust,capacity,query,cpu-pool,"
              + "cpu-trusted-pool,llm-pool (default: ${DEFAULT-VALUE}). query needs orchestration,"
              + " billing and trust.")
  String components;

  @Option(
      names = "--instance-id",
      paramLabel = "ID",
      description = "Stable identity of this process (default: the host name).")
  String instanceId;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      defaultValue = "/var/lib/krako/state",
      description = "Kafka Streams state (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--http-host",
      paramLabel = "ADDRESS",
      defaultValue = "0.0.0.0",
      description = "Address the HTTP endpoint binds (default: ${DEFAULT-VALUE}).")
  String httpHost;

  @Option(
      names = "--http-port",
      paramLabel = "N",
      defaultValue = "8080",
      description =
          "Port of /v1/health, /v1/ready, /metrics and the query API (default: ${DEFAULT-VALUE};"
              + " 0 picks a free one).")
  int httpPort;

  @Option(
      names = "--advertised-host",
      paramLabel = "H",
      description = "Host other instances reach this one's query API at (default: the host name).")
  String advertisedHost;

  @Option(
      names = "--api-keys",
      paramLabel = "FILE",
      description = "The query API's keys file, docs/query-api.md (env KRAKO_API_KEYS_FILE).")
  Path apiKeys;

  @Option(
      names = "--node-id",
      paramLabel = "ID",
      description =
          "Worker node identity (default: the instance id); the node of pool p is <ID>-cpu,"
              + " <ID>-cpu-trusted or <ID>-llm.")
  String nodeId;

  @Option(
      names = "--worker-loops",
      paramLabel = "N",
      defaultValue = "2",
      description = "Claim loops per worker node (default: ${DEFAULT-VALUE}).")
  int workerLoops;

  @Option(
      names = "--llm-base-url",
      paramLabel = "URL",
      description =
          "The LLM pod's OpenAI-compatible endpoint (required with llm-pool). Its API key comes"
              + " only from the environment: KRAKO_LLM_API_KEY.")
  URI llmBaseUrl;

  @Option(
      names = "--llm-model",
      paramLabel = "M",
      defaultValue = LlmPodSettings.DEFAULT_MODEL,
      description = "The model asked for at every tier (default: ${DEFAULT-VALUE}).")
  String llmModel;

  @Option(
      names = "--session-retention",
      paramLabel = "DURATION",
      defaultValue = "PT1H",
      description =
          "How long orchestration keeps a finished session for the query API before evicting it"
              + " (ISO-8601, default: ${DEFAULT-VALUE}; docs/adr/018-session-retention.md).")
  Duration sessionRetention;

  @Option(
      names = "--witness-file",
      paramLabel = "FILE",
      description =
          "Opt-in: append one line (session, unit, attempt, node) per execution start to FILE,"
              + " an external witness of executions (default: none).")
  Path witnessFile;

  @Override
  public Integer call() throws Exception {
    KrakoSystem.Settings settings;
    try {
      settings = settings(System.getenv());
    } catch (IOException | IllegalArgumentException e) {
      System.err.println("krako serve: " + e.getMessage());
      return KrakoCommand.USAGE;
    }
    KrakoSystem system;
    try {
      system = KrakoSystem.start(settings);
    } catch (BindException e) {
      System.err.println("krako serve: HTTP port " + httpPort + " is taken.");
      return KrakoCommand.UNAVAILABLE;
    } catch (IllegalStateException e) {
      System.err.println("krako serve: a component did not start: " + e.getMessage());
      return KrakoCommand.FAILED;
    }
    return runUntilStopped(system);
  }

  /**
   * Waits for SIGTERM or a failure, then stops. The shutdown hook waits for the stop to finish, so
   * the JVM does not halt under a worker that is still reporting its unit.
   */
  private static int runUntilStopped(KrakoSystem system) throws InterruptedException {
    CountDownLatch stop = new CountDownLatch(1);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stop.countDown();
                  try {
                    stopped.await(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "krako-serve-stop"));
    system.failure().thenRun(stop::countDown);
    stop.await();
    boolean failed = system.failure().isDone();
    if (failed) {
      LOG.error("A component failed for good; stopping.", system.failure().getNow(null));
    } else {
      LOG.info("Stopping on request.");
    }
    system.close();
    stopped.countDown();
    return failed ? KrakoCommand.FAILED : KrakoCommand.OK;
  }

  /**
   * The typed settings of the options and {@code env} (for {@code KRAKO_LLM_API_KEY} and the host
   * name).
   *
   * @throws IllegalArgumentException for a missing or contradictory option
   * @throws IOException when a file option cannot be read
   */
  KrakoSystem.Settings settings(Map<String, String> env) throws IOException {
    Set<Component> running = Component.parseList(components);
    if (workerLoops < 1) {
      throw new IllegalArgumentException("--worker-loops must be at least 1.");
    }
    if (sessionRetention.isNegative() || sessionRetention.isZero()) {
      throw new IllegalArgumentException("--session-retention must be positive.");
    }
    String instance = orElse(instanceId, hostname(env));
    LlmPodSettings llm = null;
    if (running.contains(Component.LLM_POOL)) {
      if (llmBaseUrl == null) {
        throw new IllegalArgumentException(
            "llm-pool needs the LLM pod's address: --llm-base-url or KRAKO_LLM_BASE_URL.");
      }
      llm =
          LlmPodSettings.defaults()
              .withBaseUrl(llmBaseUrl)
              .withDefaultModel(llmModel)
              .withApiKey(env.get("KRAKO_LLM_API_KEY"));
    }
    ApiKeys keys = apiKeys == null ? ApiKeys.none() : ApiKeyFile.read(apiKeys);
    return new KrakoSystem.Settings(
        cluster.requireBootstrapServers(),
        cluster.clientSettings(),
        cluster.topicNames(),
        running,
        cluster.topicPrefix,
        instance,
        stateDir,
        httpHost,
        httpPort,
        orElse(advertisedHost, hostname(env)),
        keys,
        new KrakoSystem.Workers(
            orElse(nodeId, instance), workerLoops, workerLoops, llm, witnessFile),
        sessionRetention);
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  /** Kubernetes sets HOSTNAME to the pod's name; elsewhere, the machine's name. */
  private static String hostname(Map<String, String> env) {
    String name = env.get("HOSTNAME");
    if (name != null && !name.isBlank()) {
      return name.strip();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException(
          "The host name is unknown: give --instance-id and --advertised-host.", e);
    }
  }
}
