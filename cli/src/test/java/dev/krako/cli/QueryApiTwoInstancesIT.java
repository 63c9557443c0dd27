package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.avro.SessionResult;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.query.ApiKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances of the whole system with the same application ids, so the partitions of every store
 * are split between them: each instance answers every query the same, forwarding a key it does not
 * own to the other and collecting a graph's sessions from both.
 */
@ExtendWith(KafkaBrokerExtension.class)
class QueryApiTwoInstancesIT {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  private final HttpClient client = HttpClient.newHttpClient();

  @Test
  void everyInstanceAnswersForEveryKey(LocalKafkaBroker broker, KafkaTestNames names)
      throws Exception {
    try (KrakoRun run = new KrakoRun(broker, names, dir.resolve("one"));
        KrakoSystem second =
            KrakoSystem.start(
                new KrakoSystem.Settings(
                        broker.bootstrapServers(),
                        run.topics.names(),
                        dir.resolve("two"),
                        run.prefix,
                        1,
                        "127.0.0.1",
                        0)
                    // Its own node ids: the same ones would share claim loops' transactional ids.
                    .asInstance(1)
                    .withApiKeys(ApiKeys.of(Map.of(run.apiKey, KrakoRun.TENANT))))) {
      for (int i = 0; i < 6; i++) {
        run.submit(Graphs.chain("g-two", "req-" + i));
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () -> {
                run.poll();
                return run.results.size() >= 6;
              });
      String key = run.apiKey;
      int one = run.system.httpPort();
      int two = second.httpPort();
      // Answers may be 503 while the last rebalance settles: wait until both agree.
      await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () -> {
                for (SessionResult result : run.results) {
                  String session = result.getSessionId();
                  sameAnswer(one, two, key, "/v1/sessions/" + session);
                  // A session whose units all failed has no ledger entry: 404 on both.
                  sameAnswer(
                      one, two, key, "/v1/tenants/tenant-it/sessions/" + session + "/total", 404);
                }
                sameAnswer(one, two, key, "/v1/tenants/tenant-it/wallet", 404);
                HttpResponse<String> graph = sameAnswer(one, two, key, "/v1/graphs/g-two");
                assertThat(JSON.readTree(graph.body()).path("sessions")).hasSize(6);
              });
    }
  }

  /** Both instances answer 200 (or {@code alsoAllowed}), with the same body. */
  private HttpResponse<String> sameAnswer(
      int one, int two, String key, String path, int... alsoAllowed) throws Exception {
    HttpResponse<String> first = get(one, key, path);
    HttpResponse<String> other = get(two, key, path);
    List<Integer> allowed = new ArrayList<>(List.of(200));
    Arrays.stream(alsoAllowed).forEach(allowed::add);
    assertThat(first.statusCode()).as(path + ": " + first.body()).isIn(allowed);
    assertThat(other.statusCode()).as(path + ": " + other.body()).isEqualTo(first.statusCode());
    assertThat(other.body()).isEqualTo(first.body());
    return first;
  }

  private HttpResponse<String> get(int port, String key, String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Authorization", "Bearer " + key)
            .timeout(Duration.ofSeconds(10))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
