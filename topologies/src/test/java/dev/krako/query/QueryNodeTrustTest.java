package dev.krako.query;

import static dev.krako.query.QuerySamples.ACME;
import static dev.krako.query.QuerySamples.ACME_BEARER;
import static dev.krako.query.QuerySamples.HOST_A;
import static dev.krako.query.QuerySamples.HOST_B;
import static dev.krako.query.QuerySamples.OPS_BEARER;
import static dev.krako.query.QuerySamples.node;
import static dev.krako.query.QuerySamples.session;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/nodes} and {@code /v1/nodes/{node}/trust}: node trust for operator keys only, one node
 * routed to its owner, every node collected from every instance. A holds partition 0, B 1.
 */
final class QueryNodeTrustTest {

  private final RecordingForwarder forwarder = new RecordingForwarder();
  private final FakeInstance a = new FakeInstance(HOST_A, forwarder);
  private final FakeInstance b = new FakeInstance(HOST_B, forwarder);

  QueryNodeTrustTest() {
    forwarder.register(HOST_B, b);
    a.nodes.placements(
        Map.of(
            HOST_A,
            Set.of(new TopicPartition("t", 0)),
            HOST_B,
            Set.of(new TopicPartition("t", 1))));
    a.nodes.put("node-a", node("node-a", "0.8000"));
    b.nodes.put("node-b", node("node-b", "0.2500"));
    a.sessions.put("s-1", session("s-1", ACME, "g-1"));
  }

  private static JsonNode json(Reply reply) throws Exception {
    return Reply.JSON.readTree(reply.body());
  }

  @Test
  void anOperatorReadsOneNodesTrustWithItsScoreAsADecimalString() throws Exception {
    Reply reply = a.get("/v1/nodes/node-a/trust", OPS_BEARER);

    assertThat(reply.status()).isEqualTo(200);
    JsonNode body = json(reply);
    assertThat(body.path("node_id").asText()).isEqualTo("node-a");
    assertThat(body.path("score").isTextual()).isTrue();
    assertThat(body.path("score").asText()).isEqualTo("0.8000");
    assertThat(body.path("score_version").asText()).isEqualTo("v1");
    assertThat(body.path("health").asText()).isEqualTo("up");
    assertThat(body.path("completed").asLong()).isEqualTo(3);
  }

  @Test
  void aNodeOwnedByTheOtherInstanceIsForwardedThere() throws Exception {
    a.nodes.metadata(key -> new KeyQueryMetadata(HOST_B, Set.of(), 1));

    Reply reply = a.get("/v1/nodes/node-b/trust", OPS_BEARER);

    assertThat(json(reply).path("score").asText()).isEqualTo("0.2500");
    assertThat(forwarder.forwards).extracting(f -> f.host()).containsExactly(HOST_B);
  }

  @Test
  void anUnknownNodeIs404() {
    assertThat(a.get("/v1/nodes/node-z/trust", OPS_BEARER).status()).isEqualTo(404);
  }

  @Test
  void everyNodeComesFromEveryInstanceInNodeOrder() throws Exception {
    Reply reply = a.get("/v1/nodes", OPS_BEARER);

    assertThat(reply.status()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    json(reply).path("nodes").forEach(n -> ids.add(n.path("node_id").asText()));
    assertThat(ids).containsExactly("node-a", "node-b");
    assertThat(json(reply).path("scope").asText()).isEqualTo("all");
  }

  @Test
  void anInstanceThatCannotGiveItsPartMakesTheList503() {
    b.nodes.notQueryable();

    Reply reply = a.get("/v1/nodes", OPS_BEARER);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void aTenantKeyCannotReadNodeTrustAndAnOperatorKeyNoTenantsData() {
    assertThat(a.get("/v1/nodes", ACME_BEARER).status()).isEqualTo(403);
    assertThat(a.get("/v1/nodes/node-a/trust", ACME_BEARER).status()).isEqualTo(403);
    assertThat(a.nodes.reads() + b.nodes.reads()).isZero();

    assertThat(a.get("/v1/sessions/s-1", OPS_BEARER).status()).isEqualTo(403);
    assertThat(a.get("/v1/graphs/g-1", OPS_BEARER).status()).isEqualTo(403);
    assertThat(a.get("/v1/tenants/" + ACME + "/wallet", OPS_BEARER).status()).isEqualTo(403);
    assertThat(a.sessions.reads() + a.wallets.reads()).isZero();
    assertThat(forwarder.forwards).isEmpty();
  }
}
