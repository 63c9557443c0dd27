package dev.krako.query;

import static dev.krako.query.QuerySamples.ACME;
import static dev.krako.query.QuerySamples.ACME_BEARER;
import static dev.krako.query.QuerySamples.BETA;
import static dev.krako.query.QuerySamples.KEYS;
import static dev.krako.query.QuerySamples.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.SessionState;
import dev.krako.avro.Wallet;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two query servers on loopback, over fake stores, talking real HTTP: headers on the wire, and
 * forwarding between instances through {@link HttpForwarder}.
 */
final class QueryServerTest {

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private QueryServer serverA;
  private QueryServer serverB;
  private HostInfo hostA;
  private HostInfo hostB;
  private final FakeStore<SessionState> sessionsA = new FakeStore<>(HostInfo.unavailable());
  private final FakeStore<SessionState> sessionsB = new FakeStore<>(HostInfo.unavailable());

  @BeforeEach
  void start() throws Exception {
    serverA = QueryServer.bind("127.0.0.1", 0);
    serverB = QueryServer.bind("127.0.0.1", 0);
    hostA = new HostInfo("127.0.0.1", serverA.port());
    hostB = new HostInfo("127.0.0.1", serverB.port());
    sessionsA.ownedBy(hostB).placements(Map.of(hostA, Set.of(p(0)), hostB, Set.of(p(1))));
    sessionsA.put("s-2", session("s-2", ACME, "g-1"));
    sessionsB.ownedBy(hostB).put("s-1", session("s-1", ACME, "g-1"));
    serverA.serve(api(sessionsA, hostA));
    serverB.serve(api(sessionsB, hostB));
  }

  @AfterEach
  void stop() {
    serverA.close();
    serverB.close();
  }

  private static TopicPartition p(int partition) {
    return new TopicPartition("krako.events", partition);
  }

  private static QueryApi api(FakeStore<SessionState> sessions, HostInfo self) {
    FakeStore<Wallet> wallets = new FakeStore<>(self);
    QueryStores stores =
        new QueryStores(
            sessions, wallets, new FakeStore<>(self), new FakeStore<>(self), new FakeStore<>(self));
    return QueryApi.of(KEYS, stores, Optional.of(self), new HttpForwarder());
  }

  private HttpResponse<String> get(QueryServer server, String path, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .timeout(Duration.ofSeconds(10));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aKeyOwnedByTheOtherInstanceIsAnsweredByItOverHttp() throws Exception {
    HttpResponse<String> response = get(serverA, "/v1/sessions/s-1", ACME_BEARER);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
    assertThat(response.body()).contains("\"session_id\" : \"s-1\"");
    assertThat(sessionsA.reads()).isZero();
    assertThat(sessionsB.readsOf("s-1")).isEqualTo(1);
  }

  @Test
  void aGraphIsCollectedFromBothInstancesOverHttp() throws Exception {
    HttpResponse<String> response = get(serverA, "/v1/graphs/g-1", ACME_BEARER);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body())
        .contains("\"scope\" : \"all\"")
        .contains("\"session_id\" : \"s-1\"")
        .contains("\"session_id\" : \"s-2\"");
  }

  @Test
  void theStatusHeadersTravel() throws Exception {
    HttpResponse<String> noKey = get(serverA, "/v1/sessions/s-1", null);
    sessionsB.notQueryable();
    HttpResponse<String> rebalancing = get(serverA, "/v1/sessions/s-1", ACME_BEARER);
    HttpResponse<String> otherTenant = get(serverA, "/v1/tenants/" + BETA + "/wallet", ACME_BEARER);

    assertThat(noKey.statusCode()).isEqualTo(401);
    assertThat(noKey.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"krako\"");
    assertThat(rebalancing.statusCode()).isEqualTo(503);
    assertThat(rebalancing.headers().firstValue("Retry-After")).contains("1");
    assertThat(otherTenant.statusCode()).isEqualTo(403);
    assertThat(get(serverA, "/v1/health", null).statusCode()).isEqualTo(200);
  }

  @Test
  void anOwnerThatDoesNotAnswerGives503() throws Exception {
    serverB.close();

    HttpResponse<String> response = get(serverA, "/v1/sessions/s-1", ACME_BEARER);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).contains("1");
  }

  @Test
  void aServerThatNeverServedClosesCleanly() throws Exception {
    QueryServer bound = QueryServer.bind("127.0.0.1", 0);

    assertThat(bound.port()).isPositive();
    bound.close();
  }
}
