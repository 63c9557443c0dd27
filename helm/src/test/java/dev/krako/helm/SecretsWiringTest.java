package dev.krako.helm;

import static dev.krako.helm.RenderedChart.UNHOOKED;
import static dev.krako.helm.RenderedChart.env;
import static dev.krako.helm.RenderedChart.mounts;
import static dev.krako.helm.RenderedChart.podAnnotations;
import static dev.krako.helm.RenderedChart.volume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Kafka security settings, the query API keys and the LLM API key come from Secrets, as files or
 * secret references, never as literal values in a pod spec.
 */
class SecretsWiringTest {

  /** Every process: the topology and worker pods and the topic Job. */
  private static List<JsonNode> processes(RenderedChart chart) {
    List<JsonNode> processes = new ArrayList<>(OperabilityTest.workloads(chart));
    processes.add(chart.hook("Job", "krako-topics"));
    return processes;
  }

  @Test
  void withoutClientSettingsNoPropertiesFileIsPassed() {
    RenderedChart chart = RenderedChart.render();

    for (JsonNode process : processes(chart)) {
      assertThat(env(process)).doesNotContainKey("KRAKO_KAFKA_CONFIG");
      assertThat(mounts(process)).doesNotContainKey(ServeInterface.KAFKA_CONFIG_FILE);
    }
    assertThat(chart.ofKind("Secret")).isEmpty();
    assertThat(chart.hooks()).noneMatch(h -> h.path("kind").asText().equals("Secret"));
  }

  @Test
  void anExistingSecretIsMountedAsTheClientPropertiesOfEveryProcess() {
    RenderedChart chart =
        RenderedChart.render(
            """
            kafka:
              clientConfig: {existingSecret: kafka-sasl, key: krako.properties}
              tlsSecret: kafka-truststore
            """);

    for (JsonNode process : processes(chart)) {
      assertThat(env(process))
          .containsEntry("KRAKO_KAFKA_CONFIG", ServeInterface.KAFKA_CONFIG_FILE);
      assertThat(mounts(process))
          .containsEntry(ServeInterface.KAFKA_CONFIG_FILE, "kafka-client")
          .containsEntry("/etc/krako/kafka/tls", "kafka-tls");
      JsonNode secret = volume(process, "kafka-client").path("secret");
      assertThat(secret.path("secretName").asText()).isEqualTo("kafka-sasl");
      assertThat(secret.path("items").get(0).path("key").asText()).isEqualTo("krako.properties");
      assertThat(secret.path("items").get(0).path("path").asText()).isEqualTo("client.properties");
      assertThat(volume(process, "kafka-tls").path("secret").path("secretName").asText())
          .isEqualTo("kafka-truststore");
    }
    assertThat(chart.hooks()).noneMatch(h -> h.path("kind").asText().equals("Secret"));
  }

  @Test
  void inlinePropertiesBecomeASecretCreatedBeforeTheTopicJob() {
    RenderedChart chart =
        RenderedChart.render(
            """
            kafka:
              clientConfig:
                properties:
                  security.protocol: SASL_SSL
                  sasl.mechanism: SCRAM-SHA-512
            """);
    JsonNode secret = chart.hook("Secret", "krako-kafka-client");
    JsonNode job = chart.hook("Job", "krako-topics");

    assertThat(secret.path("stringData").path("client.properties").asText())
        .contains("security.protocol=SASL_SSL")
        .contains("sasl.mechanism=SCRAM-SHA-512");
    assertThat(secret.path("metadata").path("annotations").path(UNHOOKED).asText())
        .isEqualTo("pre-install,pre-upgrade");
    assertThat(weight(secret)).isLessThan(weight(job));
    for (JsonNode process : processes(chart)) {
      assertThat(volume(process, "kafka-client").path("secret").path("secretName").asText())
          .isEqualTo("krako-kafka-client");
    }
    for (JsonNode workload : OperabilityTest.workloads(chart)) {
      assertThat(podAnnotations(workload)).containsKey("checksum/kafka-client");
    }
  }

  private static int weight(JsonNode hook) {
    return Integer.parseInt(
        hook.path("metadata").path("annotations").path(UNHOOKED + "-weight").asText());
  }

  @Test
  void anExistingSecretAndInlinePropertiesTogetherAreRefused() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    """
                    kafka:
                      clientConfig:
                        existingSecret: kafka-sasl
                        properties: {security.protocol: SASL_SSL}
                    """))
        .hasMessageContaining("give either existingSecret or properties, not both");
  }

  @Test
  void apiKeysAreMountedOnlyWhereTheQueryApiRuns() {
    RenderedChart chart =
        RenderedChart.render(
            """
            query:
              apiKeys: {existingSecret: krako-api-keys, key: keys.json}
            """);
    JsonNode streams = chart.get("StatefulSet", "krako-streams");

    String file = env(streams).get("KRAKO_API_KEYS_FILE");
    assertThat(mounts(streams)).containsEntry(file, "api-keys");
    JsonNode secret = volume(streams, "api-keys").path("secret");
    assertThat(secret.path("secretName").asText()).isEqualTo("krako-api-keys");
    assertThat(secret.path("items").get(0).path("key").asText()).isEqualTo("keys.json");
    for (JsonNode pool : chart.ofKind("Deployment")) {
      assertThat(env(pool)).doesNotContainKey("KRAKO_API_KEYS_FILE");
    }
  }
}
