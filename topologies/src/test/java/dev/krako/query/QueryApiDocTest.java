package dev.krako.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/query-api.yaml describes exactly the routes of the route table. */
final class QueryApiDocTest {

  private static final Pattern PATH = Pattern.compile("^  (/v1/\\S*):\\s*$");

  private static Path openApi() {
    return Stream.of(Path.of("..", "docs", "query-api.yaml"), Path.of("docs", "query-api.yaml"))
        .filter(Files::isRegularFile)
        .findFirst()
        .orElseThrow(() -> new AssertionError("docs/query-api.yaml not found"));
  }

  /** A template with its parameter names left out: {@code /v1/sessions/{}}. */
  private static String shape(String template) {
    return template.replaceAll("\\{[^}]*}", "{}");
  }

  @Test
  void theOpenApiPathsAreTheRoutes() throws Exception {
    List<String> documented =
        Files.readAllLines(openApi()).stream()
            .map(PATH::matcher)
            .filter(Matcher::matches)
            .map(m -> shape(m.group(1)))
            .toList();
    QueryStores stores =
        new QueryStores(
            new FakeStore<>(QuerySamples.HOST_A),
            new FakeStore<>(QuerySamples.HOST_A),
            new FakeStore<>(QuerySamples.HOST_A),
            new FakeStore<>(QuerySamples.HOST_A),
            new FakeStore<>(QuerySamples.HOST_A));
    Forwarder nowhere = (host, request) -> Reply.unavailable("nowhere");
    List<String> routed =
        new QueryRoutes(stores, Optional.empty(), nowhere)
            .table().stream().map(route -> shape(route.template())).toList();

    assertThat(documented).containsExactlyInAnyOrderElementsOf(routed);
  }
}
