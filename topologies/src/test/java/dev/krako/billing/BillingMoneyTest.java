package dev.krako.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class BillingMoneyTest {

  @Test
  void anAmountIsRoundedOnceHalfEvenToSixPlaces() {
    Rate micro = Rate.of("0.000001", 1_000);

    // 500 units of a millionth per 1,000: exactly half a millionth, which rounds to even (0).
    assertThat(micro.cost(500)).hasToString("0.000000");
    assertThat(micro.cost(1_500)).hasToString("0.000002");
    assertThat(micro.cost(2_500)).hasToString("0.000002");
    assertThat(micro.cost(2_501)).hasToString("0.000003");
  }

  @Test
  void aCostIsTheExactProductRoundedOnlyAtTheEnd() {
    // 1,234 ms at 0.000048 a CPU-second = 0.000059232 exactly.
    assertThat(Rate.of("0.000048", 1_000).cost(1_234)).hasToString("0.000059");
    // A long quantity never overflows: BigDecimal all the way.
    assertThat(Rate.of("0.015", 1_000).cost(Long.MAX_VALUE)).hasToString("138350580552821.637105");
  }

  @Test
  void amountsArePlainDecimalsAtScaleSixAndSumExactly() {
    Money a = Money.parse("0.1");
    Money b = Money.parse("0.2");

    assertThat(a.plus(b)).hasToString("0.300000");
    assertThat(Money.round(new BigDecimal("1E-7"))).hasToString("0.000000");
    assertThat(Money.round(new BigDecimal("12345678901234567890.1234565")))
        .hasToString("12345678901234567890.123456");
  }

  @Test
  void anAmountReadBackIsNeverRounded() {
    assertThatThrownBy(() -> Money.parse("0.0000001"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 6");
    assertThatThrownBy(() -> Money.parse("1E+3")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Money.parse("0,5")).isInstanceOf(IllegalArgumentException.class);
    assertThat(Money.parse("-2.5")).hasToString("-2.500000");
  }

  @Test
  void aPriceHasAtMostNinePlacesIsNeverNegativeAndIsForAtLeastOneUnit() {
    assertThat(Rate.of("0.000000001", 1_000).priceText()).isEqualTo("0.000000001");
    assertThat(Rate.of("0.15", 1_000).priceText()).isEqualTo("0.150000000");
    assertThatThrownBy(() -> Rate.of("0.0000000015", 1_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 9");
    assertThatThrownBy(() -> Rate.of("-0.1", 1_000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rate.of("1.5E-4", 1_000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Rate.of("1", 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
