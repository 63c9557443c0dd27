package dev.krako.helm;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;

/** {@code helm lint --strict} on the chart with its default values. */
class ChartLintTest {

  @Test
  void theChartLintsCleanInStrictMode() {
    LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();

    assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
  }

  @Test
  void theDefaultValuesRenderEveryComponent() {
    RenderedChart chart = RenderedChart.render();

    assertThat(chart.ofKind("StatefulSet")).hasSize(1);
    assertThat(chart.ofKind("Deployment")).hasSize(3);
    assertThat(chart.hooks()).extracting(h -> h.path("kind").asText()).containsExactly("Job");
  }
}
