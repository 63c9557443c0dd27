package dev.krako.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SpreadTest {

  @Test
  void theMedianOfAnOddCountIsTheMiddleValue() {
    assertThat(Spread.of(9, 1, 5)).isEqualTo(new Spread(5, 1, 9, 3));
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(Spread.of(4, 1, 3, 2)).isEqualTo(new Spread(2.5, 1, 4, 4));
  }

  @Test
  void unmeasuredValuesAreLeftOut() {
    assertThat(Spread.of(Double.NaN, 7, Double.NaN)).isEqualTo(new Spread(7, 7, 7, 1));
    Spread none = Spread.of(Double.NaN);
    assertThat(none.n()).isZero();
    assertThat(none.median()).isNaN();
  }

  @Test
  void theRelativeRangeSaysHowMuchRepetitionsDisagree() {
    assertThat(Spread.of(90, 100, 110).relativeRange()).isEqualTo(0.2);
  }
}
