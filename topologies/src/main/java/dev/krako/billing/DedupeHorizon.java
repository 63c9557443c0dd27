package dev.krako.billing;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long billing remembers what it has billed, in event time. A dedupe key is kept while its
 * event is less than {@code retention} older than the newest billed event; after that it may be
 * forgotten, and a replay of that old event would bill it again. So the retention must cover the
 * longest replay ever run (docs/billing.md).
 */
public record DedupeHorizon(Duration retention) {

  public DedupeHorizon {
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("The dedupe retention is positive: " + retention);
    }
  }

  /**
   * The event time before which dedupe keys may be forgotten. The newest billed event time is
   * capped at {@code now}, so one event stamped in the future cannot make billing forget every key
   * at once.
   */
  public Instant forgetBefore(Instant newestEventTime, Instant now) {
    Instant watermark = newestEventTime.isAfter(now) ? now : newestEventTime;
    return watermark.minus(retention);
  }
}
