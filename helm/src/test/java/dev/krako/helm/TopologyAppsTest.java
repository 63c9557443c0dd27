package dev.krako.helm;

import static dev.krako.helm.RenderedChart.container;
import static dev.krako.helm.RenderedChart.env;
import static dev.krako.helm.RenderedChart.mounts;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The topology applications: StatefulSets of {@code krako serve} with a stable identity, a
 * persistent state directory and a stable DNS name, and the query API Service in front of the pods
 * that serve it.
 */
class TopologyAppsTest {

  @Test
  void aStatefulSetRunsTheTopologiesWithPersistentState() {
    JsonNode streams = RenderedChart.render().get("StatefulSet", "krako-streams");
    JsonNode spec = streams.path("spec");

    assertThat(spec.path("replicas").asInt()).isEqualTo(3);
    assertThat(spec.path("podManagementPolicy").asText()).isEqualTo("Parallel");
    JsonNode claim = spec.path("volumeClaimTemplates").get(0);
    assertThat(claim.path("metadata").path("name").asText()).isEqualTo("state");
    assertThat(claim.path("spec").path("resources").path("requests").path("storage").asText())
        .isEqualTo("10Gi");
    Map<String, String> env = env(streams);
    assertThat(env)
        .containsEntry("KRAKO_COMPONENTS", "ingress,orchestration,billing,trust,capacity,query")
        .containsEntry("KRAKO_INSTANCE_ID", "field:metadata.name")
        .containsEntry("KRAKO_HTTP_PORT", "8080")
        .containsEntry("KRAKO_BOOTSTRAP_SERVERS", "kafka:9092")
        .containsEntry("KRAKO_SESSION_RETENTION", "PT1H");
    assertThat(mounts(streams)).containsEntry(env.get("KRAKO_STATE_DIR"), "state");
    assertThat(container(streams).path("args").toString()).isEqualTo("[\"serve\"]");
  }

  @Test
  void everyVariableIsOneOfTheServeInterface() {
    RenderedChart chart =
        RenderedChart.render(
            """
            kafka: {clientConfig: {existingSecret: kafka-client}}
            query: {apiKeys: {existingSecret: krako-api-keys}}
            """);

    for (JsonNode app : chart.ofKind("StatefulSet")) {
      assertThat(ServeInterface.SERVE).containsAll(env(app).keySet());
    }
    assertThat(env(chart.get("StatefulSet", "krako-streams")))
        .containsKeys("KRAKO_KAFKA_CONFIG", "KRAKO_API_KEYS_FILE");
  }

  @Test
  void theAdvertisedHostIsThePodsStableDnsName() {
    RenderedChart chart = RenderedChart.render();
    JsonNode streams = chart.get("StatefulSet", "krako-streams");
    JsonNode headless = chart.get("Service", "krako-streams-headless");

    assertThat(streams.path("spec").path("serviceName").asText())
        .isEqualTo("krako-streams-headless");
    assertThat(headless.path("spec").path("clusterIP").asText()).isEqualTo("None");
    assertThat(headless.path("spec").path("publishNotReadyAddresses").asBoolean()).isTrue();
    assertThat(selects(headless, streams)).isTrue();
    assertThat(env(streams))
        .containsEntry(
            "KRAKO_ADVERTISED_HOST",
            "$(KRAKO_INSTANCE_ID).krako-streams-headless.data-plane.svc.cluster.local");
    // Kubernetes expands $(VAR) only from variables defined before it.
    assertThat(env(streams).keySet())
        .containsSubsequence("KRAKO_INSTANCE_ID", "KRAKO_ADVERTISED_HOST");
  }

  @Test
  void topologiesSplitOverApplicationsKeepTheQueryApiWithItsStores() {
    RenderedChart chart =
        RenderedChart.render(
            """
            topology:
              apps:
                streams: null
                core:
                  components: [ingress, orchestration, billing, trust, query]
                  replicas: 6
                capacity:
                  components: [capacity]
                  replicas: 2
                  stateStorage: {size: 1Gi, storageClassName: fast}
            orchestration: {sessionRetention: PT15M}
            """);
    JsonNode core = chart.get("StatefulSet", "krako-core");
    JsonNode trust = chart.get("StatefulSet", "krako-capacity");
    JsonNode query = chart.get("Service", "krako-query");

    assertThat(chart.ofKind("StatefulSet")).hasSize(2);
    assertThat(env(trust))
        .containsEntry("KRAKO_COMPONENTS", "capacity")
        .containsEntry(
            "KRAKO_ADVERTISED_HOST",
            "$(KRAKO_INSTANCE_ID).krako-capacity-headless.data-plane.svc.cluster.local")
        .doesNotContainKey("KRAKO_API_KEYS_FILE")
        .as("only the application that runs orchestration reads it")
        .doesNotContainKey("KRAKO_SESSION_RETENTION");
    assertThat(env(core)).containsEntry("KRAKO_SESSION_RETENTION", "PT15M");
    assertThat(trust.path("spec").path("replicas").asInt()).isEqualTo(2);
    JsonNode claim = trust.path("spec").path("volumeClaimTemplates").get(0).path("spec");
    assertThat(claim.path("storageClassName").asText()).isEqualTo("fast");
    assertThat(claim.path("resources").path("requests").path("storage").asText()).isEqualTo("1Gi");
    // Unset settings come from topology.defaults.
    assertThat(
            trust
                .path("spec")
                .path("template")
                .path("spec")
                .path("terminationGracePeriodSeconds")
                .asInt())
        .isEqualTo(60);
    assertThat(selects(query, core)).isTrue();
    assertThat(selects(query, trust)).isFalse();
    assertThat(selects(chart.get("Service", "krako-core-headless"), trust)).isFalse();
  }

  @Test
  void theQueryServiceTargetsTheHttpPort() {
    JsonNode query = RenderedChart.render().get("Service", "krako-query");

    JsonNode port = query.path("spec").path("ports").get(0);
    assertThat(port.path("port").asInt()).isEqualTo(80);
    assertThat(port.path("targetPort").asText()).isEqualTo("http");
    assertThat(container(RenderedChart.render().get("StatefulSet", "krako-streams")).path("ports"))
        .anySatisfy(
            p -> {
              assertThat(p.path("name").asText()).isEqualTo("http");
              assertThat(p.path("containerPort").asInt()).isEqualTo(8080);
            });
  }

  /** Whether the Service's selector matches the workload's pod labels. */
  static boolean selects(JsonNode service, JsonNode workload) {
    JsonNode labels = workload.path("spec").path("template").path("metadata").path("labels");
    JsonNode selector = service.path("spec").path("selector");
    if (selector.isEmpty()) {
      return false;
    }
    for (Map.Entry<String, JsonNode> wanted : selector.properties()) {
      if (!wanted.getValue().equals(labels.path(wanted.getKey()))) {
        return false;
      }
    }
    return true;
  }
}
