package dev.krako.helm;

import java.util.Set;

/**
 * The environment variables of the deployable-process interface, {@code krako topics create} and
 * {@code krako serve}, as the serve interface specifies them (helm/README.md, "What runs"). The
 * chart may set nothing else, apart from the JVM's own {@code JAVA_TOOL_OPTIONS}: a variable the
 * processes do not read would be a setting that silently does nothing.
 */
final class ServeInterface {

  static final String JVM_OPTIONS = "JAVA_TOOL_OPTIONS";

  static final Set<String> TOPICS_CREATE =
      Set.of(
          "KRAKO_BOOTSTRAP_SERVERS",
          "KRAKO_KAFKA_CONFIG",
          "KRAKO_PARTITIONS",
          "KRAKO_REPLICATION_FACTOR",
          "KRAKO_TOPIC_PREFIX",
          JVM_OPTIONS);

  static final Set<String> SERVE =
      Set.of(
          "KRAKO_COMPONENTS",
          "KRAKO_BOOTSTRAP_SERVERS",
          "KRAKO_KAFKA_CONFIG",
          "KRAKO_TOPIC_PREFIX",
          "KRAKO_INSTANCE_ID",
          "KRAKO_STATE_DIR",
          "KRAKO_HTTP_PORT",
          "KRAKO_ADVERTISED_HOST",
          "KRAKO_API_KEYS_FILE",
          "KRAKO_NODE_ID",
          "KRAKO_WORKER_LOOPS",
          "KRAKO_LLM_BASE_URL",
          "KRAKO_LLM_MODEL",
          "KRAKO_LLM_API_KEY",
          "KRAKO_SESSION_RETENTION",
          JVM_OPTIONS);

  static final Set<String> TOPOLOGY_COMPONENTS =
      Set.of("ingress", "orchestration", "billing", "trust", "capacity", "query");

  static final Set<String> WORKER_COMPONENTS = Set.of("cpu-pool", "cpu-trusted-pool", "llm-pool");

  /** Where the chart mounts the Kafka client properties (KRAKO_KAFKA_CONFIG). */
  static final String KAFKA_CONFIG_FILE = "/etc/krako/kafka/client.properties";

  private ServeInterface() {}
}
