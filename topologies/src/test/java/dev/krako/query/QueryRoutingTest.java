package dev.krako.query;

import static dev.krako.query.QuerySamples.ACME;
import static dev.krako.query.QuerySamples.ACME_BEARER;
import static dev.krako.query.QuerySamples.HOST_A;
import static dev.krako.query.QuerySamples.HOST_B;
import static dev.krako.query.QuerySamples.session;
import static dev.krako.query.QuerySamples.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * Key reads go where the metadata says the key lives: read here, forwarded once to the owner with
 * the caller's key, or 503 while nobody can answer. Two instances, A (under test) and B.
 */
final class QueryRoutingTest {

  private final RecordingForwarder forwarder = new RecordingForwarder();
  private final FakeInstance a = new FakeInstance(HOST_A, forwarder);
  private final FakeInstance b = new FakeInstance(HOST_B, forwarder);

  QueryRoutingTest() {
    forwarder.register(HOST_B, b);
  }

  @Test
  void aKeyOwnedHereIsReadFromThePartitionTheMetadataNames() {
    a.sessions.put("s-1", session("s-1", ACME, "g-1"));

    Reply reply = a.get("/v1/sessions/s-1", ACME_BEARER);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).contains("\"session_id\" : \"s-1\"");
    assertThat(a.sessions.readsOf("s-1")).isEqualTo(1);
    assertThat(forwarder.forwards).isEmpty();
  }

  @Test
  void aKeyOwnedElsewhereIsForwardedWithTheCallersKeyAndItsAnswerReturned() {
    a.wallets.ownedBy(HOST_B);
    b.wallets.put(ACME, wallet(ACME, null, "1.500000"));

    Reply reply = a.get("/v1/tenants/" + ACME + "/wallet", ACME_BEARER);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).contains("\"total\" : \"1.500000\"");
    assertThat(forwarder.forwards).hasSize(1);
    RecordingForwarder.Forward forward = forwarder.forwards.get(0);
    assertThat(forward.host()).isEqualTo(HOST_B);
    assertThat(forward.request().rawPath()).isEqualTo("/v1/tenants/" + ACME + "/wallet");
    assertThat(forward.request().authorization()).containsExactly(ACME_BEARER);
    assertThat(a.wallets.reads()).isZero();
    assertThat(b.wallets.readsOf(ACME)).isEqualTo(1);
  }

  @Test
  void theOwnersErrorsArePassedOnAsTheyAre() {
    a.sessions.ownedBy(HOST_B);
    b.sessions.notQueryable();

    Reply reply = a.get("/v1/sessions/s-1", ACME_BEARER);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void aForwardedRequestIsNeverForwardedAgain() {
    a.sessions.ownedBy(HOST_B);

    Reply reply =
        a.api.answer(new QueryRequest("GET", "/v1/sessions/s-1", null, List.of(ACME_BEARER), true));

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.headers()).containsEntry("Retry-After", "1");
    assertThat(forwarder.forwards).isEmpty();
  }

  @Test
  void whileTheMetadataIsNotAvailableNothingIsReadOrForwarded() {
    a.sessions
        .metadata(key -> KeyQueryMetadata.NOT_AVAILABLE)
        .put("s-1", session("s-1", ACME, "g"));

    Reply reply = a.get("/v1/sessions/s-1", ACME_BEARER);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.headers()).containsEntry("Retry-After", "1");
    assertThat(a.sessions.reads()).isZero();
    assertThat(forwarder.forwards).isEmpty();
  }

  @Test
  void aLocalPartitionThatIsNotQueryableGives503NotA404() {
    a.sessions.notQueryable();

    Reply reply = a.get("/v1/sessions/s-1", ACME_BEARER);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(reply.headers()).containsEntry("Retry-After", "1");
  }

  @Test
  void aKeyWhosePartitionHasNoOwnerGives503() {
    a.totals.metadata(key -> new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), 2));

    Reply reply = a.get("/v1/tenants/" + ACME + "/sessions/s-1/total", ACME_BEARER);

    assertThat(reply.status()).isEqualTo(503);
    assertThat(a.totals.reads()).isZero();
  }

  @Test
  void aSessionTotalIsRoutedByItsTenantAndReadUnderItsTenantAndSessionKey() {
    // Session balances live in their tenant's partition (ADR 030): the tenant id finds the owner.
    Map<String, Integer> partitions = Map.of(ACME, 4);
    a.totals.metadata(
        key -> new KeyQueryMetadata(partitions.containsKey(key) ? HOST_B : HOST_A, Set.of(), 4));
    b.totals.put(ACME + "|s-1", wallet(ACME, "s-1", "0.000040"));

    Reply reply = a.get("/v1/tenants/" + ACME + "/sessions/s-1/total", ACME_BEARER);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.text()).contains("\"session_id\" : \"s-1\"");
    assertThat(b.totals.readsOf(ACME + "|s-1")).isEqualTo(1);
  }
}
