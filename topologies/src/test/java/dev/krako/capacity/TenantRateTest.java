package dev.krako.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantRateTest {

  private final TenantRate rate = new TenantRate(2, 3);

  @Test
  void aBurstIsAdmittedThenTheRateHolds() {
    long tat = 0;
    int admitted = 0;
    for (int i = 0; i < 10; i++) {
      TenantRate.Verdict verdict = rate.admit(tat, 1_000);
      if (verdict.admitted()) {
        admitted++;
      }
      tat = verdict.nextTatMs();
    }
    assertThat(admitted).isEqualTo(3);

    TenantRate.Verdict refused = rate.admit(tat, 1_000);
    assertThat(refused.admitted()).isFalse();
    assertThat(refused.retryAfterMs()).isEqualTo(500);
    assertThat(rate.admit(tat, 1_499).admitted()).isFalse();
    assertThat(rate.admit(tat, 1_500).admitted()).isTrue();
  }

  @Test
  void aRefusalDoesNotConsumeTheTenantsAllowance() {
    long tat = rate.admit(0, 0).nextTatMs();
    tat = rate.admit(tat, 0).nextTatMs();
    tat = rate.admit(tat, 0).nextTatMs();
    TenantRate.Verdict refused = rate.admit(tat, 0);

    assertThat(refused.nextTatMs()).isEqualTo(tat);
  }

  @Test
  void eachModeHasItsRateAndRejectingHasNone() {
    AdmissionRates rates = AdmissionRates.defaults();

    assertThat(rates.of(AdmissionMode.NORMAL)).contains(rates.normal());
    assertThat(rates.of(AdmissionMode.THROTTLED)).contains(rates.throttled());
    assertThat(rates.of(AdmissionMode.REJECTING)).isEmpty();
  }
}
