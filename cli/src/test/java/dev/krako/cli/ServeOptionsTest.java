package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How {@code krako serve} and {@code krako topics create} read their options and environment. */
class ServeOptionsTest {

  private static final Map<String, String> HOST = Map.of("HOSTNAME", "krako-topology-0");

  @TempDir Path dir;

  @Test
  void theDefaultsAreTheInterfaces() throws IOException {
    KrakoSystem.Settings s = serve(Map.of(), "--bootstrap-servers", "kafka:9092");

    assertThat(s.bootstrapServers()).isEqualTo("kafka:9092");
    assertThat(s.components()).isEqualTo(Component.SERVE_DEFAULT);
    assertThat(s.instanceId()).isEqualTo("krako-topology-0");
    assertThat(s.advertisedHost()).isEqualTo("krako-topology-0");
    assertThat(s.workers().nodeId()).isEqualTo("krako-topology-0");
    assertThat(s.workers().cpuLoops()).isEqualTo(2);
    assertThat(s.workers().witnessFile()).isNull();
    assertThat(s.stateDir()).isEqualTo(Path.of("/var/lib/krako/state"));
    assertThat(s.httpHost()).isEqualTo("0.0.0.0");
    assertThat(s.httpPort()).isEqualTo(8080);
    assertThat(s.topics().taskGraphs()).isEqualTo("kora.taskgraphs");
    assertThat(s.namePrefix()).isEmpty();
    assertThat(s.kafkaConfig()).isEmpty();
    assertThat(s.apiKeys().size()).isZero();
    assertThat(s.sessionRetention()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void everyOptionReadsItsEnvironmentVariable() throws IOException {
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n");
    Map<String, String> env = new HashMap<>(HOST);
    env.putAll(
        Map.of(
            "KRAKO_BOOTSTRAP_SERVERS", "kafka-0:9093",
            "KRAKO_KAFKA_CONFIG", config.toString(),
            "KRAKO_TOPIC_PREFIX", "staging.",
            "KRAKO_COMPONENTS", "cpu-pool, LLM-POOL",
            "KRAKO_INSTANCE_ID", "pod-7",
            "KRAKO_STATE_DIR", dir.toString(),
            "KRAKO_HTTP_PORT", "9090",
            "KRAKO_WORKER_LOOPS", "4",
            "KRAKO_LLM_BASE_URL", "http://vllm:8000",
            "KRAKO_LLM_API_KEY", "sk-secret"));
    env.put("KRAKO_WITNESS_FILE", dir.resolve("witness").toString());
    env.put("KRAKO_LLM_MODEL", "qwen");
    env.put("KRAKO_SESSION_RETENTION", "PT15M");

    KrakoSystem.Settings s = serve(env);

    assertThat(s.bootstrapServers()).isEqualTo("kafka-0:9093");
    assertThat(s.kafkaConfig())
        .containsEntry("security.protocol", "SASL_SSL")
        .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    assertThat(s.topics().events()).isEqualTo("staging.krako.events");
    assertThat(s.namePrefix()).isEqualTo("staging.");
    assertThat(s.components()).isEqualTo(EnumSet.of(Component.CPU_POOL, Component.LLM_POOL));
    assertThat(s.instanceId()).isEqualTo("pod-7");
    assertThat(s.workers().nodeId()).isEqualTo("pod-7");
    assertThat(s.stateDir()).isEqualTo(dir);
    assertThat(s.httpPort()).isEqualTo(9090);
    assertThat(s.workers().cpuLoops()).isEqualTo(4);
    assertThat(s.workers().llmLoops()).isEqualTo(4);
    assertThat(s.workers().witnessFile()).isEqualTo(dir.resolve("witness"));
    assertThat(s.workers().llmPod().baseUrl().toString()).isEqualTo("http://vllm:8000");
    assertThat(s.workers().llmPod().apiKey()).isEqualTo("sk-secret");
    assertThat(s.workers().llmPod().modelFor("large")).isEqualTo("qwen");
    assertThat(s.workers().llmPod().toString()).doesNotContain("sk-secret");
    assertThat(s.sessionRetention()).isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void theCommandLineWinsOverTheEnvironment() throws IOException {
    KrakoSystem.Settings s =
        serve(
            Map.of("KRAKO_BOOTSTRAP_SERVERS", "from-env:9092", "KRAKO_NODE_ID", "env-node"),
            "--bootstrap-servers",
            "from-cli:9092",
            "--node-id",
            "cli-node");

    assertThat(s.bootstrapServers()).isEqualTo("from-cli:9092");
    assertThat(s.workers().nodeId()).isEqualTo("cli-node");
  }

  @Test
  void refusesWhatCannotRun() {
    assertThatThrownBy(() -> serve(Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KRAKO_BOOTSTRAP_SERVERS");
    assertThatThrownBy(() -> serve(Map.of(), "--bootstrap-servers", "k:1", "--components", "cpu"))
        .hasMessageContaining("Unknown component 'cpu'");
    assertThatThrownBy(
            () -> serve(Map.of(), "--bootstrap-servers", "k:1", "--components", "ingress,query"))
        .hasMessageContaining("orchestration, billing and trust");
    assertThatThrownBy(
            () -> serve(Map.of(), "--bootstrap-servers", "k:1", "--components", "llm-pool"))
        .hasMessageContaining("--llm-base-url");
    assertThatThrownBy(() -> serve(Map.of(), "--bootstrap-servers", "k:1", "--components", ","))
        .hasMessageContaining("at least one component");
    assertThatThrownBy(
            () -> serve(Map.of(), "--bootstrap-servers", "k:1", "--session-retention", "PT0S"))
        .hasMessageContaining("--session-retention must be positive");
  }

  @Test
  void aKafkaConfigFileMustNotSayWhereTheClusterIs() throws IOException {
    Path config = dir.resolve("client.properties");
    Files.writeString(config, "bootstrap.servers=elsewhere:9092\n");

    assertThatThrownBy(
            () ->
                serve(Map.of(), "--bootstrap-servers", "k:1", "--kafka-config", config.toString()))
        .hasMessageContaining("--bootstrap-servers");
  }

  @Test
  void environmentVariablesFollowOneRule() {
    assertThat(EnvDefaults.variableOf("--replication-factor"))
        .isEqualTo("KRAKO_REPLICATION_FACTOR");
    assertThat(EnvDefaults.variableOf("--api-keys")).isEqualTo("KRAKO_API_KEYS_FILE");
  }

  @Test
  void topicsCreateReadsItsEnvironmentToo() {
    TopicsCommand.Create create = new TopicsCommand.Create();
    CommandLine cli = new CommandLine(create);
    cli.setDefaultValueProvider(
        new EnvDefaults(
            Map.of(
                "KRAKO_PARTITIONS", "12",
                "KRAKO_REPLICATION_FACTOR", "3",
                "KRAKO_TOPIC_PREFIX", "p.",
                "KRAKO_BOOTSTRAP_SERVERS", "k:1")));
    cli.parseArgs();

    assertThat(create.partitions).isEqualTo(12);
    assertThat(create.replicationFactor).isEqualTo((short) 3);
    assertThat(create.cluster.topicNames().results()).isEqualTo("p.krako.sessions.results");
    assertThat(create.cluster.requireBootstrapServers()).isEqualTo("k:1");
  }

  @Test
  void topicsCreateWithoutAClusterIsAUsageError() {
    CommandLine cli = new CommandLine(new KrakoCommand());
    cli.setErr(new PrintWriter(new StringWriter()));
    assumeTrue(
        System.getenv("KRAKO_BOOTSTRAP_SERVERS") == null,
        "the build's environment names a cluster");
    assertThat(cli.execute("topics", "create")).isEqualTo(KrakoCommand.USAGE);
  }

  /** Parses {@code krako serve ARGS} with {@code env} as its environment (plus a host name). */
  private static KrakoSystem.Settings serve(Map<String, String> env, String... args)
      throws IOException {
    Map<String, String> all = new HashMap<>(HOST);
    all.putAll(env);
    ServeCommand serve = new ServeCommand();
    CommandLine cli = new CommandLine(serve);
    cli.setDefaultValueProvider(new EnvDefaults(all));
    cli.parseArgs(args);
    return serve.settings(all);
  }
}
