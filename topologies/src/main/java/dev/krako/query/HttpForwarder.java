package dev.krako.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards over plain HTTP with the JDK client. The caller's {@code Authorization} header travels
 * on (the owner checks the key again), so every instance must hold the same keys.
 */
final class HttpForwarder implements Forwarder {

  private static final Logger LOG = LoggerFactory.getLogger(HttpForwarder.class);
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(5);
  private static final String[] PASSED_ON = {"Retry-After", "WWW-Authenticate"};

  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(CONNECT_TIMEOUT)
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();

  @Override
  public Reply forward(HostInfo host, QueryRequest request) {
    HttpRequest.Builder outgoing =
        HttpRequest.newBuilder(URI.create("http://" + authority(host) + request.pathAndQuery()))
            .timeout(ANSWER_TIMEOUT)
            .header(QueryRequest.FORWARDED_HEADER, "1")
            .GET();
    request.authorization().forEach(value -> outgoing.header("Authorization", value));
    try {
      HttpResponse<byte[]> answer =
          client.send(outgoing.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, String> headers = new HashMap<>();
      for (String name : PASSED_ON) {
        answer.headers().firstValue(name).ifPresent(value -> headers.put(name, value));
      }
      return new Reply(answer.statusCode(), answer.body(), headers);
    } catch (IOException e) {
      LOG.warn(
          "The query instance {} did not answer {} forwarded to it: {}",
          host,
          request.rawPath(),
          e.toString());
      return Reply.unavailable("the instance that holds this data did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Reply.unavailable("interrupted while asking the instance that holds this data");
    }
  }

  private static String authority(HostInfo host) {
    String name = host.host().contains(":") ? "[" + host.host() + "]" : host.host();
    return name + ":" + host.port();
  }
}
