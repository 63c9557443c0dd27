package dev.krako.capacity;

/**
 * One tenant's admission rate, as a generic cell rate algorithm (GCRA, the token bucket written
 * with a single number): a tenant may submit {@code burst} graphs at once and {@code perSecond}
 * graphs a second after that. The state is one timestamp per tenant, the theoretical arrival time
 * of its next graph, so a store of longs holds every tenant's bucket exactly.
 */
public record TenantRate(double perSecond, int burst) {

  public TenantRate {
    if (!(perSecond > 0) || burst < 1) {
      throw new IllegalArgumentException("Need perSecond > 0 and burst >= 1.");
    }
  }

  /** What a submission at {@code nowMs} does to a tenant whose next theoretical arrival is tat. */
  public Verdict admit(long tatMs, long nowMs) {
    long interval = intervalMs();
    long tolerance = (burst - 1) * interval;
    long tat = Math.max(tatMs, nowMs);
    if (tat - nowMs > tolerance) {
      return new Verdict(false, tatMs, tat - tolerance - nowMs);
    }
    return new Verdict(true, tat + interval, 0);
  }

  long intervalMs() {
    return Math.max(1, Math.round(1000 / perSecond));
  }

  /**
   * @param nextTatMs the tenant's state after this submission
   * @param retryAfterMs when a rejected tenant may submit again
   */
  public record Verdict(boolean admitted, long nextTatMs, long retryAfterMs) {}
}
