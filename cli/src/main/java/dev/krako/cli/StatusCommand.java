package dev.krako.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code krako status GRAPH_ID}: the state of every session of a graph. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = "Print the state of the sessions of a graph, from the query endpoint.")
final class StatusCommand implements Callable<Integer> {

  @Parameters(paramLabel = "GRAPH_ID", description = "The graph_id of the submitted TaskGraph.")
  String graphId;

  @Option(
      names = "--url",
      defaultValue = "http://127.0.0.1:" + DevCommand.DEFAULT_HTTP_PORT,
      description = "The query endpoint (default: ${DEFAULT-VALUE}, the dev one).")
  String url;

  @Override
  public Integer call() throws InterruptedException {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI uri = URI.create(url + "/v1/graphs/" + URLEncoder.encode(graphId, StandardCharsets.UTF_8));
    try {
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      System.out.println(response.body());
      if (response.statusCode() == 200) {
        return KrakoCommand.OK;
      }
      return response.statusCode() == 404 ? KrakoCommand.NOT_FINISHED : KrakoCommand.UNAVAILABLE;
    } catch (IOException e) {
      System.err.println(
          "krako status: no query endpoint answered at " + url + " (is `krako dev` running?)");
      return KrakoCommand.UNAVAILABLE;
    }
  }
}
