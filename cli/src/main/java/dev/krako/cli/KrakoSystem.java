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
import dev.krako.worker.execution.VerifyingExecutor;
import dev.krako.worker.handler.HandlerRegistry;
import dev.krako.worker.llm.LlmExecutors;
import dev.krako.worker.llm.LlmPodSettings;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import dev.krako.worker.runtime.WorkerPool;
import dev.krako.worker.runtime.WorkerSettings;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Krako on one machine against a running broker: the ingress, orchestration, billing and trust
 * topologies, one CPU worker node, one LLM worker node (against the given pod, or a simulated pod
 * it starts, labelled as such) and the query endpoint. Used by {@code krako dev} and by the
 * end-to-end tests, so the tests run exactly what a person runs.
 */
public final class KrakoSystem implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(KrakoSystem.class);
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  /**
   * @param namePrefix prefixes application ids and consumer groups, so several systems (tests) can
   *     share one broker
   * @param apiKeys the query API's keys; with none, it answers only {@code /v1/health}
   */
  public record Settings(
      String bootstrapServers,
      TopicNames topics,
      Path stateDir,
      String namePrefix,
      int cpuLoops,
      String httpHost,
      int httpPort,
      URI llmPodUrl,
      ApiKeys apiKeys) {

    /**
     * Settings whose LLM pool talks to a simulated pod that the system starts itself, and whose
     * query API has no keys yet (see {@link #withApiKeys}).
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
          topics,
          stateDir,
          namePrefix,
          cpuLoops,
          httpHost,
          httpPort,
          null,
          ApiKeys.none());
    }

    /** The same settings whose query API accepts these keys. */
    public Settings withApiKeys(ApiKeys keys) {
      return new Settings(
          bootstrapServers,
          topics,
          stateDir,
          namePrefix,
          cpuLoops,
          httpHost,
          httpPort,
          llmPodUrl,
          keys);
    }
  }

  private final Deque<AutoCloseable> started = new ArrayDeque<>();
  private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
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
    String instance = s.namePrefix() + "instance-0";
    // The query port is taken first: the applications advertise it as application.server, so
    // the query API finds the instance that owns a key (docs/query-api.md).
    query = QueryServer.bind(s.httpHost(), s.httpPort());
    started.push(query);
    String queryEndpoint = s.httpHost() + ":" + query.port();
    StreamsRunner ingress =
        runner(
            "ingress",
            IngressTopology.build(IngressConfig.defaults(topics, instance)),
            s,
            topics,
            queryEndpoint);
    StreamsRunner orchestration =
        runner(
            "orchestration",
            OrchestrationTopology.build(OrchestrationConfig.defaults(topics, instance)),
            s,
            topics,
            queryEndpoint);
    StreamsRunner billing =
        runner(
            "billing",
            BillingTopology.build(BillingConfig.defaults(topics)),
            s,
            topics,
            queryEndpoint);
    billing.failure().thenAccept(failure::complete);
    StreamsRunner trust =
        runner(
            "trust", TrustTopology.build(TrustConfig.defaults(topics)), s, topics, queryEndpoint);
    trust.failure().thenAccept(failure::complete);
    // Also the capacity topology (docs/capacity.md): its own application, nothing else depends on
    // it being up; ingress reads the mode it publishes and admits normally until then.
    runner(
            "capacity",
            CapacityTopology.build(CapacityConfig.defaults(topics, instance)),
            s,
            topics,
            queryEndpoint)
        .failure()
        .thenAccept(failure::complete);
    WorkerSettings cpu =
        new WorkerSettings(
            s.bootstrapServers(),
            topics,
            Substrate.cpu,
            s.namePrefix() + "cpu",
            s.namePrefix() + "cpu-node",
            s.cpuLoops(),
            Duration.ofMillis(100));
    WorkerPool cpuPool =
        WorkerPool.start(
            cpu,
            VerifyingExecutor.forCpuPool(HandlerRegistry.koraDefaults(), System::nanoTime),
            Clock.systemUTC());
    started.push(cpuPool);
    URI podUrl = s.llmPodUrl();
    if (podUrl == null) {
      SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0);
      started.push(pod);
      podUrl = pod.baseUrl();
      LOG.warn(
          "The LLM pool talks to a SIMULATED LLM pod at {} (KORA's offline mock numbers).", podUrl);
    }
    WorkerSettings llm =
        new WorkerSettings(
            s.bootstrapServers(),
            topics,
            Substrate.llm_pod,
            s.namePrefix() + "llm",
            s.namePrefix() + "llm-node",
            1,
            Duration.ofMillis(100));
    WorkerPool llmPool =
        WorkerPool.start(
            llm,
            LlmExecutors.forLlmPool(LlmPodSettings.defaults().withBaseUrl(podUrl)),
            Clock.systemUTC());
    started.push(llmPool);
    // Work submitted once start() returns is claimed at once: no session waits for a first join.
    cpuPool.awaitReady(START_TIMEOUT);
    llmPool.awaitReady(START_TIMEOUT);
    query.serve(
        s.apiKeys(),
        Optional.of(HostInfo.buildFromEndpoint(queryEndpoint)),
        QueryStores.of(orchestration.streams(), billing.streams(), trust.streams()));
    ingress.failure().thenAccept(failure::complete);
    orchestration.failure().thenAccept(failure::complete);
  }

  private StreamsRunner runner(
      String name,
      org.apache.kafka.streams.Topology topology,
      Settings s,
      KrakoTopics topics,
      String queryEndpoint)
      throws InterruptedException {
    StreamsSettings settings =
        new StreamsSettings(
                s.namePrefix() + "krako-" + name,
                s.bootstrapServers(),
                s.stateDir().resolve(name),
                topics.names().deadLetter(),
                name,
                Map.of())
            .withApplicationServer(queryEndpoint);
    StreamsRunner runner = new StreamsRunner(name, topology, settings);
    started.push(runner);
    return runner.start(START_TIMEOUT);
  }

  /** The port of the query endpoint. */
  public int httpPort() {
    return query.port();
  }

  /** Completes when a topology fails for good. */
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
