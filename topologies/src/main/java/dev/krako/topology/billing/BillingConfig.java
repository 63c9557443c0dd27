package dev.krako.topology.billing;

import dev.krako.billing.DedupeHorizon;
import dev.krako.billing.PriceBookCatalog;
import dev.krako.topics.KrakoTopics;
import java.time.Duration;
import java.util.Objects;

/**
 * The typed configuration of the billing topology.
 *
 * @param priceBooks every price book version; an event is priced by the one in force at its time
 * @param dedupeRetention how long, in event time, billing remembers what it billed: it must cover
 *     the longest replay of krako.events ever run, or a replayed event older than that is billed
 *     again
 * @param purgeInterval how often (wall-clock time) forgotten dedupe keys are looked for
 * @param purgeLimit how many dedupe keys one purge scan removes at most, so a scan stays short
 */
public record BillingConfig(
    KrakoTopics topics,
    PriceBookCatalog priceBooks,
    Duration dedupeRetention,
    Duration purgeInterval,
    int purgeLimit) {

  public BillingConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(priceBooks, "priceBooks");
    Objects.requireNonNull(dedupeRetention, "dedupeRetention");
    if (dedupeRetention.isNegative() || dedupeRetention.isZero()) {
      throw new IllegalArgumentException("dedupeRetention must be positive");
    }
    if (purgeInterval.isNegative() || purgeInterval.isZero()) {
      throw new IllegalArgumentException("purgeInterval must be positive");
    }
    if (purgeLimit < 1) {
      throw new IllegalArgumentException("purgeLimit must be at least 1");
    }
  }

  /**
   * The bundled price books, a 7-day dedupe retention (Kafka's default topic retention; see
   * docs/billing.md for sizing it to a real replay horizon), and a purge scan a minute that removes
   * at most 10,000 keys.
   */
  public static BillingConfig defaults(KrakoTopics topics) {
    return new BillingConfig(
        topics, PriceBookCatalog.bundled(), Duration.ofDays(7), Duration.ofMinutes(1), 10_000);
  }

  public DedupeHorizon horizon() {
    return new DedupeHorizon(dedupeRetention);
  }
}
