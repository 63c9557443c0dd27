package dev.krako.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PriceBookCatalogTest {

  private static final Instant JULY = Instant.parse("2026-07-01T00:00:00Z");

  @Test
  void anEventIsPricedByTheVersionInForceAtItsTimeNotTheNewest() {
    PriceBookCatalog catalog =
        PriceBookCatalog.of(List.of(book("v2", JULY), book("v1", Instant.EPOCH)));

    assertThat(catalog.at(JULY.minusMillis(1)).version()).isEqualTo("v1");
    assertThat(catalog.at(JULY).version()).isEqualTo("v2");
    assertThat(catalog.books()).extracting(PriceBook::version).containsExactly("v1", "v2");
  }

  @Test
  void anEventBeforeEveryPriceBookCannotBeBilled() {
    PriceBookCatalog catalog = PriceBookCatalog.of(List.of(book("v2", JULY)));

    assertThatThrownBy(() -> catalog.at(JULY.minusSeconds(1)))
        .isInstanceOf(UnbillableEventException.class)
        .hasMessageContaining("No price book");
  }

  @Test
  void twoBooksWithOneVersionOrOneEffectiveTimeAreRefused() {
    assertThatThrownBy(
            () -> PriceBookCatalog.of(List.of(book("v1", Instant.EPOCH), book("v1", JULY))))
        .hasMessageContaining("Two price books are v1");
    assertThatThrownBy(() -> PriceBookCatalog.of(List.of(book("v1", JULY), book("v2", JULY))))
        .hasMessageContaining("take effect");
    assertThatThrownBy(() -> PriceBookCatalog.of(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static PriceBook book(String version, Instant from) {
    Rate r = Rate.of("0.001", PriceBook.PER_UNITS);
    return new PriceBook(version, from, "USD", r, Map.of("medium", new TokenRates(r, r)), "medium");
  }
}
