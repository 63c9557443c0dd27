package dev.krako.query;

import static dev.krako.query.QuerySamples.ACME;
import static dev.krako.query.QuerySamples.ACME_BEARER;
import static dev.krako.query.QuerySamples.ACME_KEY;
import static dev.krako.query.QuerySamples.BETA;
import static dev.krako.query.QuerySamples.BETA_BEARER;
import static dev.krako.query.QuerySamples.HOST_A;
import static dev.krako.query.QuerySamples.session;
import static dev.krako.query.QuerySamples.wallet;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The routes, keys and tenant scoping of the query API, on one instance over fake stores. */
final class QueryApiTest {

  private static final List<String> KEYED_PATHS =
      List.of(
          "/v1/sessions/s-1",
          "/v1/graphs/g-1",
          "/v1/tenants/" + ACME + "/wallet",
          "/v1/tenants/" + ACME + "/sessions/s-1/total",
          "/v1/tenants/" + ACME + "/ledger",
          "/v1/nodes",
          "/v1/nodes/node-1/trust");

  private final RecordingForwarder forwarder = new RecordingForwarder();
  private final FakeInstance instance = new FakeInstance(HOST_A, forwarder);

  QueryApiTest() {
    instance.sessions.put("s-1", session("s-1", ACME, "g-1"));
    instance.sessions.put("s-2", session("s-2", BETA, "g-1"));
    instance.wallets.put(ACME, wallet(ACME, null, "0.000123"));
    instance.wallets.put(BETA, wallet(BETA, null, "9.000000"));
    instance.totals.put(ACME + "|s-1", wallet(ACME, "s-1", "0.000040"));
  }

  private static JsonNode json(Reply reply) throws Exception {
    return Reply.JSON.readTree(reply.body());
  }

  @Test
  void theHealthCheckNeedsNoKey() throws Exception {
    FakeInstance closed = new FakeInstance(HOST_A, ApiKeys.none(), forwarder);

    Reply reply = closed.get("/v1/health", null);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(json(reply).path("status").asText()).isEqualTo("RUNNING");
    assertThat(json(reply).path("applications").path("billing").asText()).isEqualTo("RUNNING");
  }

  @Test
  void withNoKeysConfiguredEveryOtherRouteAnswers401() {
    FakeInstance closed = new FakeInstance(HOST_A, ApiKeys.none(), forwarder);

    for (String path : KEYED_PATHS) {
      assertThat(closed.get(path, ACME_BEARER).status()).as(path).isEqualTo(401);
      assertThat(closed.get(path, null).status()).as(path).isEqualTo(401);
    }
    assertThat(closed.reads()).isZero();
  }

  @Test
  void aMissingOrUnknownKeyAnswers401WithTheSchemeToUse() {
    for (String path : KEYED_PATHS) {
      for (String authorization : new String[] {null, "Bearer nope", ACME_KEY, "Basic x"}) {
        Reply reply = instance.get(path, authorization);
        assertThat(reply.status()).as(path + " " + authorization).isEqualTo(401);
        assertThat(reply.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"krako\"");
        assertThat(reply.text()).doesNotContain(ACME_KEY);
      }
    }
    assertThat(instance.reads()).isZero();
  }

  @Test
  void aSessionOfTheCallersTenantReadsWithItsUnitsAndUsage() throws Exception {
    JsonNode body = json(instance.get("/v1/sessions/s-1", ACME_BEARER));

    assertThat(body.path("tenant_id").asText()).isEqualTo(ACME);
    assertThat(body.path("graph_id").asText()).isEqualTo("g-1");
    assertThat(body.path("status").asText()).isEqualTo("completed");
    assertThat(body.path("ended_at").asText()).isEqualTo("2026-01-01T00:00:00.060Z");
    JsonNode unit = body.path("units").path("a");
    assertThat(unit.path("status").asText()).isEqualTo("completed");
    assertThat(unit.path("node_id").asText()).isEqualTo("node-1");
    assertThat(unit.path("duration_ms").asLong()).isEqualTo(40);
    assertThat(unit.path("usage").path("cpu_ms").asLong()).isEqualTo(40);
    assertThat(unit.has("output_json")).isFalse();
    assertThat(body.path("usage").path("cpu_ms").asLong()).isEqualTo(40);
  }

  @Test
  void anotherTenantsSessionReadsExactlyLikeAMissingOne() {
    Reply otherTenants = instance.get("/v1/sessions/s-2", ACME_BEARER);
    Reply missing = instance.get("/v1/sessions/s-404", ACME_BEARER);

    assertThat(otherTenants.status()).isEqualTo(404);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(otherTenants.text()).isEqualTo(missing.text().replace("s-404", "s-2"));
    assertThat(otherTenants.text()).doesNotContain(BETA);
    assertThat(instance.get("/v1/sessions/s-2", BETA_BEARER).status()).isEqualTo(200);
  }

  @Test
  void aWalletIsReadByItsOwnTenantOnly() throws Exception {
    Reply own = instance.get("/v1/tenants/" + ACME + "/wallet", ACME_BEARER);
    Reply other = instance.get("/v1/tenants/" + BETA + "/wallet", ACME_BEARER);

    assertThat(own.status()).isEqualTo(200);
    JsonNode body = json(own);
    assertThat(body.path("tenant_id").asText()).isEqualTo(ACME);
    assertThat(body.path("total").isTextual()).isTrue();
    assertThat(body.path("total").asText()).isEqualTo("0.000123");
    assertThat(body.path("line_items").get(0).path("line_item").asText()).isEqualTo("workunit_cpu");
    assertThat(body.has("session_id")).isFalse();
    assertThat(other.status()).isEqualTo(403);
    assertThat(other.text()).doesNotContain("9.000000");
    assertThat(instance.wallets.readsOf(BETA)).isZero();
  }

  @Test
  void aSessionTotalIsReadByItsOwnTenantOnly() throws Exception {
    Reply own = instance.get("/v1/tenants/" + ACME + "/sessions/s-1/total", ACME_BEARER);
    Reply other = instance.get("/v1/tenants/" + ACME + "/sessions/s-1/total", BETA_BEARER);
    Reply none = instance.get("/v1/tenants/" + ACME + "/sessions/s-9/total", ACME_BEARER);

    assertThat(own.status()).isEqualTo(200);
    assertThat(json(own).path("session_id").asText()).isEqualTo("s-1");
    assertThat(json(own).path("total").asText()).isEqualTo("0.000040");
    assertThat(other.status()).isEqualTo(403);
    assertThat(none.status()).isEqualTo(404);
    assertThat(instance.totals.readsOf(ACME + "|s-1")).isEqualTo(1);
  }

  @Test
  void aTenantWithoutLedgerEntriesHasNoWalletYet() {
    FakeInstance empty = new FakeInstance(HOST_A, forwarder);

    Reply reply = empty.get("/v1/tenants/" + ACME + "/wallet", ACME_BEARER);

    assertThat(reply.status()).isEqualTo(404);
    assertThat(reply.text()).contains("no ledger entry for tenant " + ACME);
  }

  @Test
  void percentEncodedIdsAreDecoded() {
    instance.sessions.put("s 1+x", session("s 1+x", ACME, "g/1"));

    assertThat(instance.get("/v1/sessions/s%201+x", ACME_BEARER).status()).isEqualTo(200);
    assertThat(instance.sessions.readsOf("s 1+x")).isEqualTo(1);
    assertThat(instance.get("/v1/sessions/s%2", ACME_BEARER).status()).isEqualTo(404);
  }

  @Test
  void onlyGetIsAnswered() {
    Reply reply =
        instance.api.answer(
            new QueryRequest("POST", "/v1/sessions/s-1", null, List.of(ACME_BEARER), false));

    assertThat(reply.status()).isEqualTo(405);
    assertThat(reply.headers()).containsEntry("Allow", "GET");
  }

  @Test
  void anUnknownPathAnswers404() {
    assertThat(instance.get("/v1/nothing", ACME_BEARER).status()).isEqualTo(404);
    assertThat(instance.get("/v1/sessions", ACME_BEARER).status()).isEqualTo(404);
    assertThat(instance.get("/v1/sessions/s-1/extra", ACME_BEARER).status()).isEqualTo(404);
    assertThat(instance.get("/v1/tenants/" + ACME + "/ledger/x", ACME_BEARER).status())
        .isEqualTo(404);
  }
}
