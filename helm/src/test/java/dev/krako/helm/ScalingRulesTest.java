package dev.krako.helm;

import static dev.krako.helm.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Scale is partitions: replicas grow up to the partition count, and the render refuses values that
 * would start instances or claim loops with no partition to work on, or run a topology twice or not
 * at all.
 */
class ScalingRulesTest {

  @Test
  void defaultValuesRenderAConsistentDeployment() {
    assertConsistent(RenderedChart.render());
  }

  @Test
  void nonDefaultPartitionsAndReplicasRenderAConsistentDeployment() {
    RenderedChart chart =
        RenderedChart.render(
            """
            topics: {partitions: 48, replicationFactor: 3}
            topology:
              apps:
                streams:
                  components: [ingress, orchestration, billing, trust, query]
                  replicas: 12
                capacity:
                  components: [capacity]
                  replicas: 4
                  stateStorage: {size: 2Gi}
                  resources: {requests: {cpu: 200m, memory: 512Mi}}
                  terminationGracePeriodSeconds: 30
            workers:
              cpu: {replicas: 8, loops: 6}
              cpu-trusted: {replicas: 4, loops: 2}
              llm:
                loops: 4
                autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 12}
            """);

    assertConsistent(chart);
    assertThat(env(chart.hook("Job", "krako-topics"))).containsEntry("KRAKO_PARTITIONS", "48");
    assertThat(replicas(chart.get("StatefulSet", "krako-streams"))).isEqualTo(12);
    assertThat(replicas(chart.get("StatefulSet", "krako-capacity"))).isEqualTo(4);
    assertThat(replicas(chart.get("Deployment", "krako-cpu-pool"))).isEqualTo(8);
    assertThat(env(chart.get("Deployment", "krako-cpu-pool")))
        .containsEntry("KRAKO_WORKER_LOOPS", "6");
    assertThat(replicas(chart.get("Deployment", "krako-cpu-trusted-pool"))).isEqualTo(4);
    assertThat(
            chart
                .get("HorizontalPodAutoscaler", "krako-llm-pool")
                .path("spec")
                .path("maxReplicas")
                .asInt())
        .isEqualTo(12);
  }

  @Test
  void moreTopologyReplicasThanPartitionsAreRefused() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    """
                    topics: {partitions: 4}
                    topology: {apps: {streams: {replicas: 5}}}
                    """))
        .hasMessageContaining("topology.apps.streams.replicas (5) exceeds topics.partitions (4)");
  }

  @Test
  void moreClaimLoopsThanPartitionsAreRefused() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    """
                    topics: {partitions: 6}
                    topology: {apps: {streams: {replicas: 2}}}
                    workers: {cpu: {replicas: 4, loops: 2}}
                    """))
        .hasMessageContaining(
            "workers.cpu: replicas x loops (4 x 2) exceeds topics.partitions (6)");
  }

  @Test
  void anAutoscalerThatWouldExceedThePartitionsIsRefused() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    """
                    workers:
                      llm: {loops: 2, autoscaling: {enabled: true, minReplicas: 1, maxReplicas: 7}}
                    """))
        .hasMessageContaining(
            "workers.llm.autoscaling: maxReplicas x loops (7 x 2) exceeds topics.partitions (12)");
  }

  @Test
  void aTopologyInTwoApplicationsIsRefused() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    """
                    topology:
                      apps:
                        more: {components: [trust], replicas: 1}
                    """))
        .hasMessageContaining("The trust component runs in both");
  }

  @Test
  void aMissingTopologyIsRefused() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    """
                    topology:
                      apps:
                        streams: {components: [ingress, orchestration, billing, capacity]}
                    """))
        .hasMessageContaining("No topology application runs the trust component");
  }

  @Test
  void theQueryApiAwayFromItsStoresIsRefused() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    """
                    topology:
                      apps:
                        streams: {components: [ingress, orchestration, billing, trust, capacity]}
                        api: {components: [query], replicas: 1}
                    """))
        .hasMessageContaining(
            "topology.apps.api runs query without orchestration, billing and trust");
  }

  @Test
  void unknownComponentsAndPoolsAreRefused() {
    assertThatThrownBy(
            () ->
                RenderedChart.render(
                    "topology: {apps: {streams: {components: [ingress, orchestration, billing,"
                        + " trust, capacity, gateway]}}}"))
        .hasMessageContaining("unknown component \"gateway\"");
    assertThatThrownBy(() -> RenderedChart.render("workers: {gpu: {enabled: true}}"))
        .hasMessageContaining("workers.gpu: unknown worker pool");
  }

  @Test
  void requiredConnectionsAreRefusedWhenEmpty() {
    assertThatThrownBy(() -> RenderedChart.render("kafka: {bootstrapServers: \"\"}"))
        .hasMessageContaining("kafka.bootstrapServers is required");
    assertThatThrownBy(() -> RenderedChart.render("workers: {llm: {baseUrl: \"\"}}"))
        .hasMessageContaining("workers.llm.baseUrl is required");
  }

  /**
   * What "consistent" means, read from the rendered manifests alone: no workload can have more
   * consumers than the partitions the Job provisions, every process talks to the same cluster
   * behind the same prefix, each topology runs exactly once, and every workload has its budget and
   * (for StatefulSets) its headless Service.
   */
  static void assertConsistent(RenderedChart chart) {
    Map<String, String> job = env(chart.hook("Job", "krako-topics"));
    int partitions = Integer.parseInt(job.get("KRAKO_PARTITIONS"));
    Set<String> topologies = new HashSet<>();
    for (JsonNode app : chart.ofKind("StatefulSet")) {
      assertThat(replicas(app)).isBetween(1, partitions);
      String headless = app.path("spec").path("serviceName").asText();
      assertThat(TopologyAppsTest.selects(chart.get("Service", headless), app)).isTrue();
      for (String component : env(app).get("KRAKO_COMPONENTS").split(",")) {
        assertThat(ServeInterface.TOPOLOGY_COMPONENTS).contains(component);
        if (!component.equals("query")) {
          assertThat(topologies.add(component)).as("%s runs once", component).isTrue();
        }
      }
    }
    assertThat(topologies)
        .containsExactlyInAnyOrder("ingress", "orchestration", "billing", "trust", "capacity");
    for (JsonNode pool : chart.ofKind("Deployment")) {
      String name = pool.path("metadata").path("name").asText();
      int loops = Integer.parseInt(env(pool).get("KRAKO_WORKER_LOOPS"));
      int most =
          chart.ofKind("HorizontalPodAutoscaler").stream()
              .filter(h -> h.path("spec").path("scaleTargetRef").path("name").asText().equals(name))
              .map(h -> h.path("spec").path("maxReplicas").asInt())
              .findFirst()
              .orElseGet(() -> replicas(pool));
      assertThat(most * loops).as("%s consumers", name).isLessThanOrEqualTo(partitions);
    }
    for (JsonNode workload : OperabilityTest.workloads(chart)) {
      assertThat(env(workload))
          .containsEntry("KRAKO_BOOTSTRAP_SERVERS", job.get("KRAKO_BOOTSTRAP_SERVERS"))
          .containsEntry("KRAKO_TOPIC_PREFIX", job.get("KRAKO_TOPIC_PREFIX"));
      assertThat(chart.get("PodDisruptionBudget", workload.path("metadata").path("name").asText()))
          .isNotNull();
    }
  }

  private static int replicas(JsonNode workload) {
    return workload.path("spec").path("replicas").asInt();
  }
}
