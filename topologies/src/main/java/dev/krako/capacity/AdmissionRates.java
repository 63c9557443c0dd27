package dev.krako.capacity;

import java.util.Objects;
import java.util.Optional;

/**
 * The per-tenant admission rate of each mode: the fairness policy. In {@code rejecting} no new
 * graph is admitted at all.
 */
public record AdmissionRates(TenantRate normal, TenantRate throttled) {

  public AdmissionRates {
    Objects.requireNonNull(normal, "normal");
    Objects.requireNonNull(throttled, "throttled");
  }

  /**
   * Normal: a burst of 100 graphs, then 50 a second per tenant, more than this machine completes
   * (about 47 units/s), so only a flood meets it. Throttled: a burst of 10, then 2 a second.
   */
  public static AdmissionRates defaults() {
    return new AdmissionRates(new TenantRate(50, 100), new TenantRate(2, 10));
  }

  /** The rate of a mode; empty for {@code rejecting}, which admits nothing new. */
  public Optional<TenantRate> of(AdmissionMode mode) {
    return switch (mode) {
      case NORMAL -> Optional.of(normal);
      case THROTTLED -> Optional.of(throttled);
      case REJECTING -> Optional.empty();
    };
  }
}
