package dev.krako.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PriceBookReaderTest {

  private static final String V1 =
      """
      {"version": "v1", "effective_from": "2026-01-01T00:00:00Z", "currency": "USD",
       "workunit_cpu": {"unit": "cpu_second", "price": "0.000048"},
       "llm_tokens": {"unit": "1000_tokens", "default_tier": "medium",
         "tiers": {"small": {"input": "0.00015", "output": "0.0006"},
                   "medium": {"input": "0.001", "output": "0.004"}}}}
      """;

  @Test
  void theBundledPriceBookIsVersionOneInForceFromTheEpoch() {
    PriceBook v1 = PriceBookCatalog.bundled().books().get(0);

    assertThat(v1.version()).isEqualTo("v1");
    assertThat(v1.effectiveFrom()).isEqualTo(Instant.EPOCH);
    assertThat(v1.currency()).isEqualTo("USD");
    assertThat(v1.cpuSecond().priceText()).isEqualTo("0.000048000");
    assertThat(v1.tiers()).containsOnlyKeys("small", "medium", "large");
    assertThat(v1.defaultTier()).isEqualTo("medium");
  }

  @Test
  void aPriceBookIsReadWithEveryPriceAtNinePlaces() {
    PriceBook book = read(V1);

    assertThat(book.effectiveFrom()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    assertThat(book.tokenRates("small").output().priceText()).isEqualTo("0.000600000");
    assertThat(book.pricedTier("large")).isEqualTo("medium");
    assertThat(book.pricedTier(null)).isEqualTo("medium");
  }

  @Test
  void aPriceWrittenAsAJsonNumberIsRefused() {
    assertRefused(V1.replace("\"0.000048\"", "0.000048"), "$.workunit_cpu.price is a string");
  }

  @Test
  void anUnknownFieldADuplicateKeyOrAMissingFieldIsRefused() {
    assertRefused(V1.replace("\"currency\"", "\"discount\": \"0.1\", \"currency\""), "discount");
    assertRefused(
        V1.replace("\"version\": \"v1\",", "\"version\": \"v1\", \"version\": \"v2\","), "version");
    assertRefused(V1.replace("\"version\": \"v1\",", ""), "$.version is missing");
  }

  @Test
  void aBookOutsideItsRulesIsRefused() {
    assertRefused(V1.replace("\"USD\"", "\"EUR\""), "USD");
    assertRefused(V1.replace("\"cpu_second\"", "\"cpu_hour\""), "cpu_second");
    assertRefused(V1.replace("\"default_tier\": \"medium\"", "\"default_tier\": \"huge\""), "huge");
    assertRefused(V1.replace("\"0.000048\"", "\"-0.000048\""), "workunit_cpu.price");
    assertRefused(V1.replace("\"0.000048\"", "\"0.0000000001\""), "at most 9");
    assertRefused(V1.replace("2026-01-01T00:00:00Z", "2026-01-01"), "RFC 3339");
    assertRefused("[]", "$ is an object");
    assertRefused("{", "one JSON object");
  }

  private static PriceBook read(String json) {
    return PriceBookReader.read(json.getBytes(StandardCharsets.UTF_8));
  }

  private static void assertRefused(String json, String reason) {
    assertThatThrownBy(() -> read(json))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(reason);
  }
}
