package dev.krako.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  @Option(
      names = "--api-key-file",
      paramLabel = "FILE",
      description =
          "A file that holds the query API key (default: the KRAKO_API_KEY environment variable;"
              + " `krako dev` says where its key is).")
  Path apiKeyFile;

  @Override
  public Integer call() throws InterruptedException {
    String key;
    try {
      key = apiKeyFile == null ? System.getenv("KRAKO_API_KEY") : Files.readString(apiKeyFile);
    } catch (IOException e) {
      System.err.println("krako status: cannot read the API key file " + apiKeyFile);
      return KrakoCommand.USAGE;
    }
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    URI uri = URI.create(url + "/v1/graphs/" + URLEncoder.encode(graphId, StandardCharsets.UTF_8));
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
    if (key != null && !key.isBlank()) {
      request.header("Authorization", "Bearer " + key.strip());
    }
    try {
      HttpResponse<String> response =
          client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
      System.out.println(response.body());
      if (response.statusCode() == 200) {
        return KrakoCommand.OK;
      }
      if (response.statusCode() == 401 || response.statusCode() == 403) {
        System.err.println(
            "krako status: the query API refused the key; pass --api-key-file FILE or set"
                + " KRAKO_API_KEY.");
        return KrakoCommand.USAGE;
      }
      return response.statusCode() == 404 ? KrakoCommand.NOT_FINISHED : KrakoCommand.UNAVAILABLE;
    } catch (IOException e) {
      System.err.println(
          "krako status: no query endpoint answered at " + url + " (is `krako dev` running?)");
      return KrakoCommand.UNAVAILABLE;
    }
  }
}
