package dev.krako.helm;

import static dev.krako.helm.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The worker pools: Deployments of {@code krako serve --components <pool>-pool}. */
class WorkerPoolsTest {

  @Test
  void eachPoolIsADeploymentWhoseNodeIdIsThePodName() {
    RenderedChart chart = RenderedChart.render();

    for (String component : ServeInterface.WORKER_COMPONENTS) {
      JsonNode pool = chart.get("Deployment", "krako-" + component);
      Map<String, String> env = env(pool);
      assertThat(env)
          .containsEntry("KRAKO_COMPONENTS", component)
          .containsEntry("KRAKO_INSTANCE_ID", "field:metadata.name")
          .containsEntry("KRAKO_NODE_ID", "$(KRAKO_INSTANCE_ID)")
          .containsEntry("KRAKO_WORKER_LOOPS", "2")
          .doesNotContainKeys("KRAKO_STATE_DIR", "KRAKO_API_KEYS_FILE");
      assertThat(env.keySet()).containsSubsequence("KRAKO_INSTANCE_ID", "KRAKO_NODE_ID");
      assertThat(ServeInterface.SERVE).containsAll(env.keySet());
    }
    assertThat(chart.get("Deployment", "krako-cpu-pool").path("spec").path("replicas").asInt())
        .isEqualTo(2);
  }

  @Test
  void theLlmPoolGetsItsEndpointModelAndKeyFromASecret() {
    RenderedChart chart =
        RenderedChart.render(
            """
            workers:
              llm:
                baseUrl: "http://vllm.models:8000/v1"
                model: "Qwen/Qwen2.5-7B-Instruct"
                apiKey: {existingSecret: llm-credentials, key: token}
            """);

    assertThat(env(chart.get("Deployment", "krako-llm-pool")))
        .containsEntry("KRAKO_LLM_BASE_URL", "http://vllm.models:8000/v1")
        .containsEntry("KRAKO_LLM_MODEL", "Qwen/Qwen2.5-7B-Instruct")
        .containsEntry("KRAKO_LLM_API_KEY", "secret:llm-credentials/token");
    assertThat(env(chart.get("Deployment", "krako-cpu-pool")))
        .doesNotContainKeys("KRAKO_LLM_BASE_URL", "KRAKO_LLM_MODEL", "KRAKO_LLM_API_KEY");
  }

  @Test
  void aDisabledPoolRendersNothing() {
    RenderedChart chart =
        RenderedChart.render(
            """
            workers:
              cpu-trusted: {enabled: false}
            """);

    assertThat(chart.all())
        .noneMatch(r -> r.path("metadata").path("name").asText().contains("cpu-trusted"));
  }

  @Test
  void autoscalingIsOffByDefault() {
    assertThat(RenderedChart.render().ofKind("HorizontalPodAutoscaler")).isEmpty();
  }

  @Test
  void anAutoscaledPoolLeavesItsReplicasToTheAutoscaler() {
    RenderedChart chart =
        RenderedChart.render(
            """
            workers:
              cpu:
                loops: 3
                autoscaling: {enabled: true, minReplicas: 2, maxReplicas: 4, targetCPUUtilizationPercentage: 60}
            """);
    JsonNode hpa = chart.get("HorizontalPodAutoscaler", "krako-cpu-pool");

    assertThat(chart.ofKind("HorizontalPodAutoscaler")).hasSize(1);
    assertThat(hpa.path("spec").path("scaleTargetRef").path("kind").asText())
        .isEqualTo("Deployment");
    assertThat(hpa.path("spec").path("scaleTargetRef").path("name").asText())
        .isEqualTo("krako-cpu-pool");
    assertThat(hpa.path("spec").path("minReplicas").asInt()).isEqualTo(2);
    assertThat(hpa.path("spec").path("maxReplicas").asInt()).isEqualTo(4);
    assertThat(
            hpa.path("spec")
                .path("metrics")
                .get(0)
                .path("resource")
                .path("target")
                .path("averageUtilization")
                .asInt())
        .isEqualTo(60);
    assertThat(chart.get("Deployment", "krako-cpu-pool").path("spec").has("replicas")).isFalse();
    assertThat(chart.get("Deployment", "krako-llm-pool").path("spec").path("replicas").asInt())
        .isEqualTo(1);
  }
}
