package dev.krako.cli;

import dev.krako.avro.Substrate;
import dev.krako.query.ApiKeys;
import dev.krako.query.QueryServer;
import dev.krako.query.QueryStores;
import dev.krako.streams.StreamsRunner;
import dev.krako.streams.StreamsSettings;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.topology.billing.BillingConfig;
import dev.krako.topology.billing.BillingTopology;
import dev.krako.topology.capacity.CapacityConfig;
import dev.krako.topology.capacity.CapacityTopology;
import dev.krako.topology.ingress.IngressConfig;
import dev.krako.topology.ingress.IngressTopology;
import dev.krako.topology.orchestration.OrchestrationConfig;
import dev.krako.topology.orchestration.OrchestrationTopology;
import dev.krako.topology.trust.TrustConfig;
import dev.krako.topology.trust.TrustTopology;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.VerifyingExecutor;
import dev.krako.worker.handler.HandlerRegistry;
import dev.krako.worker.handler.SlowEchoHandler;
import dev.krako.worker.llm.LlmExecutors;
import dev.krako.worker.llm.LlmPodSettings;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import dev.krako.worker.resilience.TrustThresholds;
import dev.krako.worker.runtime.WorkerPool;
import dev.krako.worker.runtime.WorkerSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The components of one Krako process, started one way for every use: {@code krako dev} (all of
 * them, against a local broker, with a simulated LLM pod), {@code krako serve} (the ones a
 * deployment names, docs/operations-processes.md) and the end-to-end tests, so the tests run
 * exactly what a person runs and what is deployed.
 *
 * <p>Every process answers HTTP: {@code /v1/health}, {@code /v1/ready}, {@code /metrics}, and the
 * query API when it runs {@link Component#QUERY}.
 */
public final class KrakoSystem implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KrakoSystem.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /** How often the worker nodes are checked for a claim loop that died. */
  private static final Duration WATCH_INTERVAL = Duration.ofSeconds(1);

  /**
   * Units a CPU claim loop holds at once (docs/adr/017-batched-claims.md): the claims of up to 16
   * dispatches share one transaction. Deterministic handlers take milliseconds, so the window is
   * for batching transactions rather than for parallel CPU work.
   */
  static final int CPU_CLAIM_WINDOW = 16;

  /**
   * Units an LLM claim loop holds at once: a completion takes seconds, mostly waiting on the pod,
   * which serves requests concurrently; four keep a loop busy without queueing much on one pod.
   */
  static final int LLM_CLAIM_WINDOW = 4;

  /**
   * The worker nodes of a process. A node of pool {@code p} is named {@code <nodeId>-<p>} ({@code
   * -cpu}, {@code -cpu-trusted}, {@code -llm}): one process may run several pools, and their
   * transactional ids must not collide.
   *
   * @param llmPod the pod of the LLM pool; null to start a SIMULATED pod in the process (dev)
   * @param witnessFile where each execution start is appended ({@link ExecutionWitness}); null for
   *     none
   */
  public record Workers(
      String nodeId, int cpuLoops, int llmLoops, LlmPodSettings llmPod, Path witnessFile) {}

  /**
   * @param kafkaConfig Kafka client settings for every client (security, SASL, SSL)
   * @param namePrefix prefixes application ids and consumer groups, so several systems (tests,
   *     deployments) can share one cluster
   * @param instanceId this process's stable identity: the Streams client ids' suffix and the {@code
   *     source.id} of the events its topologies emit
   * @param httpHost the address the HTTP endpoint binds
   * @param advertisedHost the host the other instances reach this one's query API at
   * @param apiKeys the query API's keys; with none, it answers only {@code /v1/health}
   * @param sessionRetention how long orchestration keeps a finished session (ADR 018)
   */
  public record Settings(
      String bootstrapServers,
      Map<String, Object> kafkaConfig,
      TopicNames topics,
      Set<Component> components,
      String namePrefix,
      String instanceId,
      Path stateDir,
      String httpHost,
      int httpPort,
      String advertisedHost,
      ApiKeys apiKeys,
      Workers workers,
      Duration sessionRetention) {

    public Settings {
      kafkaConfig = Map.copyOf(kafkaConfig);
      components = Set.copyOf(components);
    }

    /** Settings with orchestration's default session retention. */
    public Settings(
        String bootstrapServers,
        Map<String, Object> kafkaConfig,
        TopicNames topics,
        Set<Component> components,
        String namePrefix,
        String instanceId,
        Path stateDir,
        String httpHost,
        int httpPort,
        String advertisedHost,
        ApiKeys apiKeys,
        Workers workers) {
      this(
          bootstrapServers,
          kafkaConfig,
          topics,
          components,
          namePrefix,
          instanceId,
          stateDir,
          httpHost,
          httpPort,
          advertisedHost,
          apiKeys,
          workers,
          OrchestrationConfig.DEFAULT_SESSION_RETENTION);
    }

    /**
     * What {@code krako dev} runs ({@link Component#DEV}) on one host: two CPU claim loops or
     * {@code cpuLoops}, one LLM loop against a simulated pod the system starts itself, and a query
     * API with no keys yet (see {@link #withApiKeys}).
     */
    public Settings(
        String bootstrapServers,
        TopicNames topics,
        Path stateDir,
        String namePrefix,
        int cpuLoops,
        String httpHost,
        int httpPort) {
      this(
          bootstrapServers,
          Map.of(),
          topics,
          Component.DEV,
          namePrefix,
          namePrefix + "instance-0",
          stateDir,
          httpHost,
          httpPort,
          httpHost,
          ApiKeys.none(),
          new Workers(namePrefix + "node", cpuLoops, 1, null, null));
    }

    /** The same settings whose query API accepts these keys. */
    public Settings withApiKeys(ApiKeys keys) {
      return new Settings(
          bootstrapServers,
          kafkaConfig,
          topics,
          components,
          namePrefix,
          instanceId,
          stateDir,
          httpHost,
          httpPort,
          advertisedHost,
          keys,
          workers,
          sessionRetention);
    }

    /**
     * The same settings as instance {@code index} of several sharing one deployment: its own
     * instance id and worker node ids (two instances whose nodes had the same id would share their
     * claims' transactional ids and fence each other), the same applications and groups. Instance 0
     * keeps the names of a single instance. Give each its own state directory.
     */
    public Settings asInstance(int index) {
      String suffix = index == 0 ? "" : "-" + index;
      return new Settings(
          bootstrapServers,
          kafkaConfig,
          topics,
          components,
          namePrefix,
          namePrefix + "instance-" + index,
          stateDir,
          httpHost,
          httpPort,
          advertisedHost,
          apiKeys,
          new Workers(
              workers.nodeId() + suffix,
              workers.cpuLoops(),
              workers.llmLoops(),
              workers.llmPod(),
              workers.witnessFile()),
          sessionRetention);
    }

    /** The same settings whose LLM pool talks to this pod instead of starting a simulated one. */
    public Settings withLlmPod(java.net.URI baseUrl) {
      return new Settings(
          bootstrapServers,
          kafkaConfig,
          topics,
          components,
          namePrefix,
          instanceId,
          stateDir,
          httpHost,
          httpPort,
          advertisedHost,
          apiKeys,
          new Workers(
              workers.nodeId(),
              workers.cpuLoops(),
              workers.llmLoops(),
              LlmPodSettings.defaults().withBaseUrl(baseUrl),
              workers.witnessFile()),
          sessionRetention);
    }

    /** The same settings with these Kafka client settings (security) for every client. */
    public Settings withKafkaConfig(Map<String, Object> clientSettings) {
      return new Settings(
          bootstrapServers,
          clientSettings,
          topics,
          components,
          namePrefix,
          instanceId,
          stateDir,
          httpHost,
          httpPort,
          advertisedHost,
          apiKeys,
          workers,
          sessionRetention);
    }

    /** The same settings whose orchestration keeps a finished session this long. */
    public Settings withSessionRetention(Duration retention) {
      return new Settings(
          bootstrapServers,
          kafkaConfig,
          topics,
          components,
          namePrefix,
          instanceId,
          stateDir,
          httpHost,
          httpPort,
          advertisedHost,
          apiKeys,
          workers,
          retention);
    }

    boolean runs(Component component) {
      return components.contains(component);
    }
  }

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
  private final Map<Component, BooleanSupplier> running = new LinkedHashMap<>();
  private final Map<Component, KafkaStreams> apps = new EnumMap<>(Component.class);
  private QueryServer query;

  private KrakoSystem() {}

  public static KrakoSystem start(Settings s) throws Exception {
    KrakoSystem system = new KrakoSystem();
    try {
      system.startAll(s);
    } catch (Exception | Error e) {
      system.close();
      throw e;
    }
    return system;
  }

  private void startAll(Settings s) throws Exception {
    KrakoTopics topics = new KrakoTopics(s.topics());
    ProcessMetrics metrics = new ProcessMetrics();
    started.push(metrics);
    // The HTTP port is taken first: the applications advertise it as application.server, so the
    // query API finds the instance that owns a key (docs/query-api.md).
    query = QueryServer.bind(s.httpHost(), s.httpPort());
    started.push(query);
    String endpoint = s.advertisedHost() + ":" + query.port();
    for (Component c : Component.values()) {
      if (s.runs(c) && !c.isPool() && c != Component.QUERY) {
        StreamsRunner runner = runner(c, topology(c, topics, s), s, endpoint);
        KafkaStreams streams = runner.streams();
        apps.put(c, streams);
        metrics.bindStreams(c, streams);
        // A rebalance is a normal, short state of a running application: it stays ready (its
        // query API answers 503 + Retry-After for the keys that move meanwhile).
        running.put(c, () -> streams.state().isRunningOrRebalancing());
        runner.failure().thenAccept(failure::complete);
      }
    }
    Map<Component, WorkerPool> pools = startPools(s, topics);
    // Work submitted once start() returns is claimed at once: no session waits for a first join.
    for (WorkerPool pool : pools.values()) {
      pool.awaitReady(START_TIMEOUT);
    }
    pools.forEach((c, pool) -> running.put(c, pool::running));
    if (s.runs(Component.QUERY)) {
      running.put(Component.QUERY, () -> true); // it answers as soon as it is served, below
    }
    running.forEach(metrics::componentRunning);
    query.operations(this::componentsRunning, metrics::scrape);
    if (s.runs(Component.QUERY)) {
      query.serve(
          s.apiKeys(),
          Optional.of(HostInfo.buildFromEndpoint(endpoint)),
          QueryStores.of(
              apps.get(Component.ORCHESTRATION),
              apps.get(Component.BILLING),
              apps.get(Component.TRUST)));
    } else {
      query.serveWithoutQueries();
    }
    watch(pools);
    LOG.info(
        "Krako instance {} runs {} (HTTP port {}).",
        s.instanceId(),
        Component.names(s.components()),
        query.port());
  }

  private static Topology topology(Component c, KrakoTopics topics, Settings s) {
    String instanceId = s.instanceId();
    return switch (c) {
      case INGRESS -> IngressTopology.build(IngressConfig.defaults(topics, instanceId));
      case ORCHESTRATION ->
          OrchestrationTopology.build(
              OrchestrationConfig.defaults(topics, instanceId)
                  .withSessionRetention(s.sessionRetention()));
      case BILLING -> BillingTopology.build(BillingConfig.defaults(topics));
      case TRUST -> TrustTopology.build(TrustConfig.defaults(topics));
      // Nothing depends on capacity being up: ingress admits normally until it publishes a mode.
      case CAPACITY -> CapacityTopology.build(CapacityConfig.defaults(topics, instanceId));
      default -> throw new IllegalArgumentException(c + " is not a Streams application.");
    };
  }

  private StreamsRunner runner(Component c, Topology topology, Settings s, String endpoint)
      throws InterruptedException {
    String name = c.wireName();
    String applicationId = s.namePrefix() + "krako-" + name;
    StreamsSettings settings =
        new StreamsSettings(
                applicationId,
                s.bootstrapServers(),
                s.stateDir().resolve(name),
                s.topics().deadLetter(),
                name,
                overrides(c, applicationId + "-" + s.instanceId()))
            .withClientSettings(s.kafkaConfig());
    if (s.runs(Component.QUERY)) {
      settings = settings.withApplicationServer(endpoint);
    }
    StreamsRunner runner = new StreamsRunner(name, topology, settings);
    started.push(runner);
    return runner.start(START_TIMEOUT);
  }

  private static Map<String, Object> overrides(Component c, String clientId) {
    Map<String, Object> overrides = c.streamsOverrides();
    // The instance names its clients, so a broker's logs say which pod they are.
    overrides.put(StreamsConfig.CLIENT_ID_CONFIG, clientId);
    return overrides;
  }

  private Map<Component, WorkerPool> startPools(Settings s, KrakoTopics topics) throws Exception {
    Map<Component, WorkerPool> pools = new EnumMap<>(Component.class);
    ExecutionWitness witness = null;
    if (s.workers().witnessFile() != null) {
      witness = ExecutionWitness.open(s.workers().witnessFile());
      started.push(witness);
      LOG.info("Every execution start is witnessed in {}.", s.workers().witnessFile());
    }
    HandlerRegistry handlers = HandlerRegistry.koraDefaults().with(new SlowEchoHandler());
    if (s.runs(Component.CPU_POOL)) {
      UnitExecutor cpu = VerifyingExecutor.forCpuPool(handlers, System::nanoTime);
      pools.put(Component.CPU_POOL, pool(s, topics, Substrate.cpu, "cpu", cpu, witness));
    }
    if (s.runs(Component.CPU_TRUSTED_POOL)) {
      UnitExecutor cpu = VerifyingExecutor.forCpuPool(handlers, System::nanoTime);
      pools.put(
          Component.CPU_TRUSTED_POOL,
          pool(s, topics, Substrate.cpu_trusted, "cpu-trusted", cpu, witness));
    }
    if (s.runs(Component.LLM_POOL)) {
      UnitExecutor llm = LlmExecutors.forLlmPool(llmPod(s.workers().llmPod()));
      pools.put(Component.LLM_POOL, pool(s, topics, Substrate.llm_pod, "llm", llm, witness));
    }
    return pools;
  }

  private LlmPodSettings llmPod(LlmPodSettings configured) throws Exception {
    if (configured != null) {
      return configured;
    }
    SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0);
    started.push(pod);
    LOG.warn(
        "The LLM pool talks to a SIMULATED LLM pod at {} (KORA's offline mock numbers).",
        pod.baseUrl());
    return LlmPodSettings.defaults().withBaseUrl(pod.baseUrl());
  }

  private WorkerPool pool(
      Settings s,
      KrakoTopics topics,
      Substrate substrate,
      String pool,
      UnitExecutor executor,
      ExecutionWitness witness) {
    String nodeId = s.workers().nodeId() + "-" + pool;
    WorkerSettings settings =
        new WorkerSettings(
                s.bootstrapServers(),
                topics,
                substrate,
                s.namePrefix() + pool,
                nodeId,
                substrate == Substrate.llm_pod ? s.workers().llmLoops() : s.workers().cpuLoops(),
                Duration.ofMillis(100))
            .withClaimWindow(substrate == Substrate.llm_pod ? LLM_CLAIM_WINDOW : CPU_CLAIM_WINDOW)
            // CPU units are pure: start them as soon as the orchestrator writes them, not one of
            // its commits later (docs/adr/025-early-start-of-pure-units.md).
            .withEarlyStart(substrate != Substrate.llm_pod)
            .withClientSettings(s.kafkaConfig())
            // Untrusted nodes leave their dispatch group (docs/trust.md, "Placement policy").
            .withTrustPlacement(TrustThresholds.DEFAULTS);
    WorkerPool node =
        WorkerPool.start(
            settings,
            witness == null ? executor : witness.around(executor, nodeId),
            Clock.systemUTC());
    started.push(node);
    return node;
  }

  /**
   * Completes {@link #failure()} when a worker node stops taking work for good (a claim loop died):
   * the process then exits non-zero instead of idling in its group.
   */
  private void watch(Map<Component, WorkerPool> pools) {
    if (pools.isEmpty()) {
      return;
    }
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "krako-worker-watchdog");
              t.setDaemon(true);
              return t;
            });
    started.push(() -> watchdog.shutdownNow());
    watchdog.scheduleWithFixedDelay(
        () ->
            pools.forEach(
                (c, pool) -> {
                  if (!pool.running()) {
                    failure.complete(
                        new IllegalStateException(
                            "The " + c.wireName() + " worker node stopped taking work."));
                  }
                }),
        WATCH_INTERVAL.toMillis(),
        WATCH_INTERVAL.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  /** Whether each started component runs, by name: what {@code /v1/ready} answers. */
  public Map<String, Boolean> componentsRunning() {
    Map<String, Boolean> states = new LinkedHashMap<>();
    running.forEach((c, isRunning) -> states.put(c.wireName(), isRunning.getAsBoolean()));
    return states;
  }

  /** The port of the HTTP endpoint. */
  public int httpPort() {
    return query.port();
  }

  /**
   * How many entries a store of a Streams application this process runs holds in its local
   * partitions, counted key by key (RocksDB's own estimate counts every overwrite until a
   * compaction, so it is far off for a store whose values are rewritten): how a soak shows whether
   * state grows ({@code krako bench --soak}). It reads the whole store: for tests and benches, not
   * for a hot path. Empty when the application does not run here or its store cannot be read now (a
   * rebalance).
   */
  public OptionalLong countEntries(Component c, String store) {
    KafkaStreams streams = apps.get(c);
    if (streams == null) {
      return OptionalLong.empty();
    }
    try (KeyValueIterator<Object, Object> all =
        streams
            .store(
                StoreQueryParameters.fromNameAndType(
                    store, QueryableStoreTypes.<Object, Object>keyValueStore()))
            .all()) {
      long n = 0;
      while (all.hasNext()) {
        all.next();
        n++;
      }
      return OptionalLong.of(n);
    } catch (InvalidStateStoreException e) {
      return OptionalLong.empty();
    }
  }

  /** Completes when a topology or a worker node fails for good. */
  public CompletableFuture<Throwable> failure() {
    return failure;
  }

  /** Stops everything in the reverse order of starting. */
  @Override
  public void close() {
    while (!started.isEmpty()) {
      AutoCloseable component = started.pop();
      try {
        component.close();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        LOG.warn("A component did not stop cleanly: {}", e.toString());
      }
    }
  }
}
