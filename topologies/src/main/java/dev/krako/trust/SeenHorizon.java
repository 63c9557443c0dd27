package dev.krako.trust;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How long trust remembers the events it has counted, in event time. An event id is kept while its
 * event is less than {@code retention} older than the newest counted event; after that it may be
 * forgotten, and a redelivery of that old event would be counted again. So the retention must cover
 * the longest replay ever run against a live trust application (docs/trust.md).
 */
public record SeenHorizon(Duration retention) {

  public SeenHorizon {
    Objects.requireNonNull(retention, "retention");
    if (retention.isNegative() || retention.isZero()) {
      throw new IllegalArgumentException("The dedupe retention is positive: " + retention);
    }
  }

  /**
   * The event time before which event ids may be forgotten. The newest event time is capped at
   * {@code now}, so one event stamped in the future cannot make trust forget every id at once.
   */
  public Instant forgetBefore(Instant newestEventTime, Instant now) {
    Instant watermark = newestEventTime.isAfter(now) ? now : newestEventTime;
    return watermark.minus(retention);
  }
}
