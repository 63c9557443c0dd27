package dev.krako.query;

import static dev.krako.query.QuerySamples.ACME;
import static dev.krako.query.QuerySamples.ACME_BEARER;
import static dev.krako.query.QuerySamples.BETA;
import static dev.krako.query.QuerySamples.BETA_BEARER;
import static dev.krako.query.QuerySamples.HOST_A;
import static dev.krako.query.QuerySamples.HOST_B;
import static dev.krako.query.QuerySamples.OPS_BEARER;
import static dev.krako.query.QuerySamples.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/tenants/{tenant}/ledger}: pages in event-time order with an opaque cursor, filters by
 * session and time, parameters checked before any read (400 with the reason), tenant-scoped, and
 * routed by tenant id like the wallet.
 */
final class QueryLedgerTest {

  private static final String LEDGER = "/v1/tenants/" + ACME + "/ledger";

  private final RecordingForwarder forwarder = new RecordingForwarder();
  private final FakeInstance a = new FakeInstance(HOST_A, forwarder);
  private final FakeInstance b = new FakeInstance(HOST_B, forwarder);

  QueryLedgerTest() {
    forwarder.register(HOST_B, b);
    put(a, entry(ACME, "s-1", 0, "e-0"));
    put(a, entry(ACME, "s-2", 10, "e-1"));
    put(a, entry(ACME, "s-1", 20, "e-2"));
    put(a, entry(ACME, "s-1", 30, "e-3"));
    put(a, entry(ACME, "s-2", 40, "e-4"));
    put(a, entry(BETA, "s-9", 5, "b-0"));
    // A tenant whose id extends ACME's with a '|': its keys fall inside ACME's key range.
    put(a, entry(ACME + "|x", "s-7", 15, "x-0"));
  }

  private static void put(FakeInstance instance, KeyValue<String, ?> kv) {
    instance.ledger.put(kv.key, (dev.krako.avro.LedgerEntry) kv.value);
  }

  private static JsonNode json(Reply reply) throws Exception {
    return Reply.JSON.readTree(reply.body());
  }

  private static List<String> ids(Reply reply) throws Exception {
    List<String> ids = new ArrayList<>();
    for (JsonNode e : json(reply).path("entries")) {
      ids.add(e.path("entry_id").asText());
    }
    return ids;
  }

  private static String cursor(Reply reply) throws Exception {
    JsonNode next = json(reply).path("next_cursor");
    return next.isNull() ? null : next.asText();
  }

  @Test
  void pagesFollowEachOtherInEventTimeOrderUntilTheCursorIsNull() throws Exception {
    Reply first = a.get(LEDGER + "?limit=2", ACME_BEARER);
    assertThat(first.status()).isEqualTo(200);
    assertThat(ids(first)).containsExactly("e-0", "e-1");

    Reply second = a.get(LEDGER + "?limit=2&cursor=" + cursor(first), ACME_BEARER);
    assertThat(ids(second)).containsExactly("e-2", "e-3");

    Reply last = a.get(LEDGER + "?limit=2&cursor=" + cursor(second), ACME_BEARER);
    assertThat(ids(last)).containsExactly("e-4");
    assertThat(cursor(last)).isNull();
  }

  @Test
  void oneFullPageHasNoCursorWhenNothingFollows() throws Exception {
    Reply all = a.get(LEDGER, ACME_BEARER);

    assertThat(ids(all)).containsExactly("e-0", "e-1", "e-2", "e-3", "e-4");
    assertThat(cursor(all)).isNull();
    assertThat(ids(a.get(LEDGER + "?limit=5", ACME_BEARER))).hasSize(5);
    assertThat(cursor(a.get(LEDGER + "?limit=5", ACME_BEARER))).isNull();
  }

  @Test
  void anEntryReadsAsInTheLedgerWithMoneyAsDecimalStrings() throws Exception {
    JsonNode e = json(a.get(LEDGER + "?limit=1", ACME_BEARER)).path("entries").get(0);

    assertThat(e.path("tenant_id").asText()).isEqualTo(ACME);
    assertThat(e.path("session_id").asText()).isEqualTo("s-1");
    assertThat(e.path("line_item").asText()).isEqualTo("workunit_cpu");
    assertThat(e.path("amount").isTextual()).isTrue();
    assertThat(e.path("amount").asText()).isEqualTo("0.000048");
    assertThat(e.path("quantities").get(0).path("unit_price").asText()).isEqualTo("0.000048000");
    assertThat(e.path("event_time").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(e.path("substrate").asText()).isEqualTo("cpu");
  }

  @Test
  void theSessionFilterKeepsOneSessionsEntries() throws Exception {
    Reply reply = a.get(LEDGER + "?session=s-1", ACME_BEARER);

    assertThat(ids(reply)).containsExactly("e-0", "e-2", "e-3");
  }

  @Test
  void fromIsInclusiveToIsExclusiveAndOffsetsAreUnderstood() throws Exception {
    Reply utc =
        a.get(LEDGER + "?from=2026-01-01T00:00:00.010Z&to=2026-01-01T00:00:00.030Z", ACME_BEARER);
    Reply offset =
        a.get(
            LEDGER + "?from=2026-01-01T01:00:00.010+01:00&to=2026-01-01T00:00:00.030%2B00:00",
            ACME_BEARER);

    assertThat(ids(utc)).containsExactly("e-1", "e-2");
    assertThat(ids(offset)).containsExactly("e-1", "e-2");
  }

  @Test
  void filtersAndCursorCombine() throws Exception {
    Reply first = a.get(LEDGER + "?session=s-1&from=2026-01-01T00:00:00.001Z&limit=1", ACME_BEARER);
    Reply second =
        a.get(
            LEDGER + "?session=s-1&from=2026-01-01T00:00:00.001Z&limit=1&cursor=" + cursor(first),
            ACME_BEARER);

    assertThat(ids(first)).containsExactly("e-2");
    assertThat(ids(second)).containsExactly("e-3");
  }

  @Test
  void aPageStopsAfterTheScanLimitWithACursorEvenWhenTheFilterKeptNothing() throws Exception {
    FakeInstance big = new FakeInstance(HOST_A, forwarder);
    for (int i = 0; i < LedgerListing.SCAN_LIMIT; i++) {
      put(big, entry(ACME, "s-other", i, String.format("o-%05d", i)));
    }
    put(big, entry(ACME, "s-1", LedgerListing.SCAN_LIMIT + 1, "wanted"));

    Reply first = big.get(LEDGER + "?session=s-1", ACME_BEARER);
    assertThat(ids(first)).isEmpty();
    assertThat(cursor(first)).isNotNull();
    assertThat(big.ledger.reads()).isEqualTo(LedgerListing.SCAN_LIMIT + 1);

    Reply second = big.get(LEDGER + "?session=s-1&cursor=" + cursor(first), ACME_BEARER);
    assertThat(ids(second)).containsExactly("wanted");
    assertThat(cursor(second)).isNull();
  }

  @Test
  void aTenantWithoutEntriesGetsAnEmptyPage() throws Exception {
    FakeInstance empty = new FakeInstance(HOST_A, forwarder);

    Reply reply = empty.get(LEDGER, ACME_BEARER);

    assertThat(reply.status()).isEqualTo(200);
    assertThat(ids(reply)).isEmpty();
    assertThat(cursor(reply)).isNull();
  }

  @Test
  void badParametersAre400WithTheReasonAndNothingIsRead() throws Exception {
    String betaCursor = cursor(a.get("/v1/tenants/" + BETA + "/ledger?limit=1", BETA_BEARER));
    int readsBefore = a.reads();
    assertBadRequest("limit=0", "limit must be a whole number from 1 to 1000; got '0'");
    assertBadRequest("limit=1001", "limit must be a whole number from 1 to 1000; got '1001'");
    assertBadRequest("limit=ten", "limit must be a whole number from 1 to 1000; got 'ten'");
    assertBadRequest(
        "from=yesterday",
        "from must be an ISO-8601 time with an offset, such as 2026-01-31T00:00:00Z;"
            + " got 'yesterday'");
    assertBadRequest(
        "to=2026-01-01T00:00:00",
        "to must be an ISO-8601 time with an offset, such as 2026-01-31T00:00:00Z;"
            + " got '2026-01-01T00:00:00'");
    assertBadRequest(
        "from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
        "from (2026-01-02T00:00:00Z) must be before to (2026-01-01T00:00:00Z); to is exclusive");
    assertBadRequest(
        "after=x",
        "unknown query parameter 'after'; the ledger takes session, from, to, limit"
            + " and cursor");
    assertBadRequest("limit=1&limit=2", "query parameter 'limit' is given twice");
    assertBadRequest("session=", "query parameter 'session' has no value");
    assertBadRequest("session=%zz", "parameter session is not percent-encoded correctly");
    String notOurs =
        "cursor is not one this listing gave for tenant "
            + ACME
            + "; pass next_cursor of the previous page unchanged";
    assertBadRequest("cursor=!!!", notOurs);
    assertBadRequest("cursor=" + LedgerQuery.cursorOf(ACME + "|12|e-0"), notOurs);
    assertBadRequest("cursor=" + betaCursor, notOurs);
    assertThat(a.reads()).isEqualTo(readsBefore);
  }

  private void assertBadRequest(String query, String message) throws Exception {
    Reply reply = a.get(LEDGER + "?" + query, ACME_BEARER);
    assertThat(reply.status()).as(query).isEqualTo(400);
    assertThat(json(reply).path("error").asText()).as(query).isEqualTo(message);
  }

  @Test
  void anotherTenantsKeyOrAnOperatorKeyIsRefusedBeforeAnyRead() {
    Reply beta = a.get(LEDGER, BETA_BEARER);
    Reply ops = a.get(LEDGER, OPS_BEARER);
    Reply nobody = a.get(LEDGER, null);

    assertThat(beta.status()).isEqualTo(403);
    assertThat(beta.text()).doesNotContain("e-0");
    assertThat(ops.status()).isEqualTo(403);
    assertThat(nobody.status()).isEqualTo(401);
    assertThat(a.reads()).isZero();
  }

  @Test
  void theTenantIdFindsTheOwnerAndTheQueryIsForwardedUnchanged() throws Exception {
    a.ledger.metadata(key -> new KeyQueryMetadata(key.equals(ACME) ? HOST_B : HOST_A, Set.of(), 0));
    put(b, entry(ACME, "s-5", 0, "on-b"));

    Reply reply = a.get(LEDGER + "?limit=1&session=s-5", ACME_BEARER);

    assertThat(ids(reply)).containsExactly("on-b");
    assertThat(forwarder.forwards).hasSize(1);
    assertThat(forwarder.forwards.get(0).host()).isEqualTo(HOST_B);
    assertThat(forwarder.forwards.get(0).request().rawQuery()).isEqualTo("limit=1&session=s-5");
    assertThat(a.ledger.reads()).isZero();
  }

  @Test
  void whileTheStoreRebalancesTheAnswerIs503WithRetryAfter() {
    a.ledger.metadata(key -> KeyQueryMetadata.NOT_AVAILABLE);
    Reply noMetadata = a.get(LEDGER, ACME_BEARER);
    a.ledger.metadata(key -> new KeyQueryMetadata(HostInfo.unavailable(), Set.of(), 0));
    Reply noOwner = a.get(LEDGER, ACME_BEARER);
    a.ledger.ownedBy(HOST_A).notQueryable();
    Reply restoring = a.get(LEDGER, ACME_BEARER);

    for (Reply reply : List.of(noMetadata, noOwner, restoring)) {
      assertThat(reply.status()).isEqualTo(503);
      assertThat(reply.headers()).containsEntry("Retry-After", "1");
    }
  }
}
