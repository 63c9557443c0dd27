package dev.krako.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** API keys: one tenant per key, digests only, every lookup compares every digest. */
final class ApiKeysTest {

  private static final String ACME_KEY = QuerySamples.ACME_KEY;
  private static final String BETA_KEY = QuerySamples.BETA_KEY;
  private static final ApiKeys KEYS = QuerySamples.KEYS;

  @Test
  void withNoKeysNobodyGetsIn() {
    ApiKeys none = ApiKeys.none();

    assertThat(none.size()).isZero();
    assertThat(none.callerOf(ACME_KEY)).isEmpty();
    assertThat(none.callerOf("")).isEmpty();
  }

  @Test
  void aKnownKeyGivesItsTenant() {
    assertThat(KEYS.callerOf(ACME_KEY)).contains(new Caller.Tenant(QuerySamples.ACME));
    assertThat(KEYS.callerOf(BETA_KEY)).contains(new Caller.Tenant(QuerySamples.BETA));
  }

  @Test
  void aKeyThatIsAlmostRightIsUnknown() {
    assertThat(KEYS.callerOf(ACME_KEY.substring(0, ACME_KEY.length() - 1))).isEmpty();
    assertThat(KEYS.callerOf(ACME_KEY + "x")).isEmpty();
    assertThat(KEYS.callerOf(ACME_KEY.replace('a', 'A'))).isEmpty();
    assertThat(KEYS.callerOf("")).isEmpty();
  }

  @Test
  void aKeyMayBeGivenAsItsDigestSoNoFileHoldsIt() {
    String digest = HexFormat.of().formatHex(ApiKeys.digest(ACME_KEY)).toUpperCase();

    ApiKeys keys = ApiKeys.builder().sha256(digest, QuerySamples.ACME).build();

    assertThat(keys.callerOf(ACME_KEY)).contains(new Caller.Tenant(QuerySamples.ACME));
    assertThat(keys.callerOf(digest)).isEmpty();
  }

  @Test
  void aTenantMayHaveSeveralKeys() {
    ApiKeys keys = ApiKeys.of(Map.of(ACME_KEY, "t", BETA_KEY, "t"));

    assertThat(keys.callerOf(ACME_KEY)).contains(new Caller.Tenant("t"));
    assertThat(keys.callerOf(BETA_KEY)).contains(new Caller.Tenant("t"));
  }

  @Test
  void weakOrAmbiguousKeysStopTheStartUp() {
    String shortKey = "x".repeat(ApiKeys.MIN_KEY_LENGTH - 1);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ApiKeys.builder().key(shortKey, "t"))
        .withMessageContaining("shorter than 32")
        .withMessageNotContaining(shortKey);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ApiKeys.builder().key(" " + ACME_KEY, "t"))
        .withMessageNotContaining(ACME_KEY);
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ApiKeys.builder().key(ACME_KEY, " "))
        .withMessageNotContaining(ACME_KEY);
    assertThatIllegalArgumentException().isThrownBy(() -> ApiKeys.builder().sha256("abc", "t"));
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ApiKeys.builder().key(ACME_KEY, "a").key(ACME_KEY, "b").build())
        .withMessageContaining("listed twice")
        .withMessageNotContaining(ACME_KEY);
  }

  @Test
  void everyLookupComparesEveryDigestAndOnlyDigestsOfOneLength() {
    List<Integer> lengths = new ArrayList<>();
    ApiKeys counted =
        ApiKeys.of(Map.of(ACME_KEY, "a", BETA_KEY, "b", "c".repeat(40), "c", "d".repeat(90), "d"))
            .comparedBy(
                (presented, known) -> {
                  lengths.add(presented.length);
                  lengths.add(known.length);
                  return MessageDigest.isEqual(presented, known);
                });

    for (String presented : List.of(ACME_KEY, "d".repeat(90), "unknown", "x".repeat(500))) {
      lengths.clear();
      counted.callerOf(presented);
      // Four grants, two digests per comparison: the first match does not stop the loop.
      assertThat(lengths).hasSize(8).containsOnly(32);
    }
  }

  @Test
  void neitherKeysNorDigestsAppearInToString() {
    assertThat(KEYS.toString())
        .isEqualTo("ApiKeys[3 keys]")
        .doesNotContain(ACME_KEY)
        .doesNotContain(HexFormat.of().formatHex(ApiKeys.digest(ACME_KEY)));
  }

  @Test
  void newKeysAreLongEnoughAndDifferent() {
    Set<String> keys = new HashSet<>();
    for (int i = 0; i < 100; i++) {
      String key = ApiKeys.newKey();
      assertThat(key).hasSize(43).matches("[A-Za-z0-9_-]+");
      keys.add(key);
    }
    assertThat(keys).hasSize(100);
    ApiKeys.builder().key(ApiKeys.newKey(), "t").build();
  }
}
