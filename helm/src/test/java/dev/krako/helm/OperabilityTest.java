package dev.krako.helm;

import static dev.krako.helm.RenderedChart.container;
import static dev.krako.helm.RenderedChart.podAnnotations;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Probes, Prometheus scraping, disruption budgets and resources of the long-running pods. */
class OperabilityTest {

  static List<JsonNode> workloads(RenderedChart chart) {
    List<JsonNode> workloads = new ArrayList<>(chart.ofKind("StatefulSet"));
    workloads.addAll(chart.ofKind("Deployment"));
    return workloads;
  }

  @Test
  void everyProcessIsProbedOnHealthAndReadiness() {
    RenderedChart chart = RenderedChart.render();

    assertThat(workloads(chart)).hasSize(4);
    for (JsonNode workload : workloads(chart)) {
      JsonNode container = container(workload);
      assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/v1/health");
      assertThat(container.path("livenessProbe").path("httpGet").path("port").asText())
          .isEqualTo("http");
      assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
          .isEqualTo("/v1/ready");
      assertThat(container.path("readinessProbe").path("httpGet").path("port").asText())
          .isEqualTo("http");
      assertThat(container.path("ports").get(0).path("containerPort").asText())
          .isEqualTo(RenderedChart.env(workload).get("KRAKO_HTTP_PORT"));
    }
  }

  @Test
  void probeTimingsAndTheHttpPortComeFromTheValues() {
    RenderedChart chart =
        RenderedChart.render(
            """
            httpPort: 9090
            probes:
              liveness: {initialDelaySeconds: 120, periodSeconds: 20, timeoutSeconds: 3, failureThreshold: 5}
            """);
    JsonNode streams = chart.get("StatefulSet", "krako-streams");

    assertThat(container(streams).path("livenessProbe").path("initialDelaySeconds").asInt())
        .isEqualTo(120);
    assertThat(container(streams).path("ports").get(0).path("containerPort").asInt())
        .isEqualTo(9090);
    assertThat(RenderedChart.env(streams)).containsEntry("KRAKO_HTTP_PORT", "9090");
    assertThat(podAnnotations(streams)).containsEntry("prometheus.io/port", "9090");
  }

  @Test
  void everyProcessCarriesPrometheusScrapeAnnotations() {
    RenderedChart chart = RenderedChart.render();

    for (JsonNode workload : workloads(chart)) {
      assertThat(podAnnotations(workload))
          .containsEntry("prometheus.io/scrape", "true")
          .containsEntry("prometheus.io/port", "8080")
          .containsEntry("prometheus.io/path", "/metrics");
    }
  }

  @Test
  void scrapeAnnotationsCanBeTurnedOff() {
    RenderedChart chart = RenderedChart.render("metrics: {scrape: false}");

    for (JsonNode workload : workloads(chart)) {
      assertThat(podAnnotations(workload)).doesNotContainKey("prometheus.io/scrape");
    }
  }

  @Test
  void eachWorkloadHasADisruptionBudgetThatSelectsItsPods() {
    RenderedChart chart = RenderedChart.render();

    assertThat(chart.ofKind("PodDisruptionBudget")).hasSameSizeAs(workloads(chart));
    for (JsonNode workload : workloads(chart)) {
      String name = workload.path("metadata").path("name").asText();
      JsonNode pdb = chart.get("PodDisruptionBudget", name);
      assertThat(pdb.path("spec").path("maxUnavailable").asInt()).isEqualTo(1);
      assertThat(pdb.path("spec").path("selector").path("matchLabels"))
          .isEqualTo(workload.path("spec").path("selector").path("matchLabels"));
    }
  }

  @Test
  void disruptionBudgetsCanBeTurnedOff() {
    assertThat(
            RenderedChart.render("podDisruptionBudget: {enabled: false}")
                .ofKind("PodDisruptionBudget"))
        .isEmpty();
  }

  @Test
  void resourcesComeFromTheValues() {
    RenderedChart chart =
        RenderedChart.render(
            """
            workers:
              llm:
                resources: {requests: {cpu: "2", memory: 3Gi}, limits: {memory: 4Gi}}
            """);

    JsonNode resources = container(chart.get("Deployment", "krako-llm-pool")).path("resources");
    assertThat(resources.path("requests").path("cpu").asText()).isEqualTo("2");
    assertThat(resources.path("limits").path("memory").asText()).isEqualTo("4Gi");
    for (JsonNode workload : workloads(chart)) {
      assertThat(container(workload).path("resources").path("requests").has("memory")).isTrue();
    }
  }

  @Test
  void containersRunAsNonRootWithAReadOnlyRootAndAWritableTmp() {
    RenderedChart chart = RenderedChart.render();

    for (JsonNode workload : workloads(chart)) {
      JsonNode pod = workload.path("spec").path("template").path("spec");
      assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
      assertThat(
              container(workload)
                  .path("securityContext")
                  .path("readOnlyRootFilesystem")
                  .asBoolean())
          .isTrue();
      assertThat(RenderedChart.mounts(workload)).containsEntry("/tmp", "tmp");
    }
  }
}
