package dev.krako.query;

import static dev.krako.query.QuerySamples.ACME;
import static dev.krako.query.QuerySamples.ACME_BEARER;
import static dev.krako.query.QuerySamples.BETA;
import static dev.krako.query.QuerySamples.HOST_A;
import static dev.krako.query.QuerySamples.HOST_B;
import static dev.krako.query.QuerySamples.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/graphs/{graph id}}: this instance's partitions plus every other instance's part, whole
 * or 503. A holds partition 0, B partition 1.
 */
final class QueryGraphFanOutTest {

  private static final Map<HostInfo, Set<TopicPartition>> SPLIT =
      Map.of(HOST_A, Set.of(partition(0)), HOST_B, Set.of(partition(1)));

  private final RecordingForwarder forwarder = new RecordingForwarder();
  private final FakeInstance a = new FakeInstance(HOST_A, forwarder);
  private final FakeInstance b = new FakeInstance(HOST_B, forwarder);

  QueryGraphFanOutTest() {
    forwarder.register(HOST_B, b);
    a.sessions.placements(SPLIT);
    a.sessions.put("s-3", session("s-3", ACME, "g-1"));
    a.sessions.put("s-4", session("s-4", ACME, "g-other"));
    b.sessions.put("s-1", session("s-1", ACME, "g-1"));
    b.sessions.put("s-2", session("s-2", BETA, "g-1"));
  }

  private static TopicPartition partition(int p) {
    return new TopicPartition("krako.events", p);
  }

  private static List<String> sessionIds(Reply reply) throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode s : Reply.JSON.readTree(reply.body()).path("sessions")) {
      ids.add(s.path("session_id").asText());
    }
    return ids;
  }

  @Test
  void theCallersSessionsOfTheGraphComeFromEveryInstanceInSessionOrder() throws Exception {
    Reply reply = a.get("/v1/graphs/g-1", ACME_BEARER);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(sessionIds(reply)).containsExactly("s-1", "s-3");
    assertThat(Reply.JSON.readTree(reply.body()).path("scope").asText()).isEqualTo("all");
    assertThat(forwarder.forwards).hasSize(1);
    assertThat(forwarder.forwards.get(0).host()).isEqualTo(HOST_B);
    assertThat(forwarder.forwards.get(0).request().authorization()).containsExactly(ACME_BEARER);
  }

  @Test
  void aForwardedPartIsThisInstancesSessionsOnlyAnd200EvenWhenEmpty() throws Exception {
    QueryRequest part =
        new QueryRequest("GET", "/v1/graphs/g-none", null, List.of(ACME_BEARER), true);

    Reply reply = b.api.answer(part);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(sessionIds(reply)).isEmpty();
    assertThat(Reply.JSON.readTree(reply.body()).path("scope").asText()).isEqualTo("instance");
    assertThat(forwarder.forwards).isEmpty();
  }

  @Test
  void aGraphWithoutSessionsOfTheCallerIs404() {
    assertThat(a.get("/v1/graphs/g-unknown", ACME_BEARER).status()).isEqualTo(404);
    assertThat(a.get("/v1/graphs/g-other", QuerySamples.BETA_BEARER).status()).isEqualTo(404);
  }

  @Test
  void anotherTenantsSessionsOfTheSameGraphAreLeftOut() throws Exception {
    assertThat(sessionIds(a.get("/v1/graphs/g-1", QuerySamples.BETA_BEARER)))
        .containsExactly("s-2");
  }

  @Test
  void anInstanceThatCannotAnswerMakesTheWholeAnswer503() {
    b.sessions.notQueryable();

    Reply reply = a.get("/v1/graphs/g-1", ACME_BEARER);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void anInstanceThatRefusesTheKeyMakesTheAnswerABadGateway() {
    forwarder.answer(HOST_B, Reply.unauthorized());

    assertThat(a.get("/v1/graphs/g-1", ACME_BEARER).status()).isEqualTo(502);
  }

  @Test
  void aPlacementThatChangesDuringTheReadsGives503() {
    a.sessions.placements(SPLIT, Map.of(HOST_A, Set.of(partition(0), partition(1))));

    Reply reply = a.get("/v1/graphs/g-1", ACME_BEARER);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void anUnknownPlacementGives503() {
    a.sessions.placements();

    assertThat(a.get("/v1/graphs/g-1", ACME_BEARER).status()).isEqualTo(503);
    assertThat(forwarder.forwards).isEmpty();
  }

  @Test
  void aLocalStoreThatIsNotQueryableGives503() {
    a.sessions.notQueryable();

    assertThat(a.get("/v1/graphs/g-1", ACME_BEARER).status()).isEqualTo(503);
  }

  @Test
  void anInstanceThatRunsAloneListsItsOwnSessions() throws Exception {
    FakeInstance alone = new FakeInstance(null, forwarder);
    alone.sessions.put("s-1", session("s-1", ACME, "g-1"));
    alone.sessions.put("s-2", session("s-2", BETA, "g-1"));

    Reply reply = alone.get("/v1/graphs/g-1", ACME_BEARER);

    assertThat(sessionIds(reply)).containsExactly("s-1");
    assertThat(forwarder.forwards).isEmpty();
  }
}
