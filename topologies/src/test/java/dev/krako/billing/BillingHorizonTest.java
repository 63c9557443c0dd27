package dev.krako.billing;

import static dev.krako.billing.BillingFixtures.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BillingHorizonTest {

  private final DedupeHorizon week = new DedupeHorizon(Duration.ofDays(7));

  @Test
  void keysAreForgottenARetentionBeforeTheNewestBilledEvent() {
    assertThat(week.forgetBefore(T0, T0.plus(Duration.ofDays(30))))
        .isEqualTo(T0.minus(Duration.ofDays(7)));
  }

  @Test
  void anEventStampedInTheFutureCountsAsNow() {
    assertThat(week.forgetBefore(T0.plus(Duration.ofDays(365)), T0))
        .isEqualTo(T0.minus(Duration.ofDays(7)));
  }

  @Test
  void theRetentionIsPositive() {
    assertThatThrownBy(() -> new DedupeHorizon(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
