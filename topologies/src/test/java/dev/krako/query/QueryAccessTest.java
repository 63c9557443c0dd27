package dev.krako.query;

import static dev.krako.query.QuerySamples.ACME;
import static dev.krako.query.QuerySamples.ACME_KEY;
import static dev.krako.query.QuerySamples.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The caller's tenant comes from exactly one {@code Authorization: Bearer <key>} header. */
final class QueryAccessTest {

  private final QueryAccess access = new QueryAccess(KEYS);

  @Test
  void aKnownBearerKeyGivesItsTenant() {
    assertThat(access.callerOf(List.of("Bearer " + ACME_KEY))).contains(new Caller.Tenant(ACME));
    assertThat(access.callerOf(List.of("bearer " + ACME_KEY))).contains(new Caller.Tenant(ACME));
    assertThat(access.callerOf(List.of("BEARER  " + ACME_KEY + " ")))
        .contains(new Caller.Tenant(ACME));
  }

  @Test
  void noHeaderOrAnEmptyOneHasNoTenant() {
    assertThat(access.callerOf(null)).isEmpty();
    assertThat(access.callerOf(List.of())).isEmpty();
    assertThat(access.callerOf(List.of(""))).isEmpty();
    assertThat(access.callerOf(List.of("Bearer "))).isEmpty();
    assertThat(access.callerOf(List.of("Bearer"))).isEmpty();
  }

  @Test
  void anotherSchemeOrABareKeyHasNoTenant() {
    assertThat(access.callerOf(List.of(ACME_KEY))).isEmpty();
    assertThat(access.callerOf(List.of("Basic " + ACME_KEY))).isEmpty();
    assertThat(access.callerOf(List.of("Bearer" + ACME_KEY))).isEmpty();
  }

  @Test
  void anUnknownKeyHasNoTenant() {
    assertThat(access.callerOf(List.of("Bearer " + ACME_KEY + "0"))).isEmpty();
  }

  @Test
  void twoAuthorizationHeadersAreAmbiguousAndRefused() {
    assertThat(access.callerOf(List.of("Bearer " + ACME_KEY, "Bearer " + ACME_KEY))).isEmpty();
  }

  @Test
  void withNoKeysConfiguredNoKeyIsValid() {
    QueryAccess closed = new QueryAccess(ApiKeys.none());

    assertThat(closed.callerOf(List.of("Bearer " + ACME_KEY))).isEmpty();
  }
}
