package dev.krako.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The probes and metrics of a process without the query API. */
class QueryServerOperationsTest {

  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void readyOnlyWhenEveryComponentRuns() throws Exception {
    Map<String, Boolean> components =
        new LinkedHashMap<>(Map.of("cpu-pool", true, "llm-pool", false));
    try (QueryServer server = QueryServer.bind("127.0.0.1", 0)) {
      server.operations(() -> components, () -> "krako_component_running 1.0\n");
      server.serveWithoutQueries();

      HttpResponse<String> notReady = get(server, "/v1/ready");
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("\"llm-pool\":false");

      components.put("llm-pool", true);
      assertThat(get(server, "/v1/ready").statusCode()).isEqualTo(200);

      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(metrics.body()).isEqualTo("krako_component_running 1.0\n");

      assertThat(get(server, "/v1/health").statusCode()).isEqualTo(200);
      assertThat(get(server, "/v1/sessions/s-1").statusCode()).isEqualTo(404);
    }
  }

  private HttpResponse<String> get(QueryServer server, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
