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
 * @param purgeInterval how often (wall-clock time) old ledger store entries, and the dedupe keys of
 *     the retired dedupe stores (before ADR 023), are looked for; the dedupe store itself forgets
 *     by segments
 * @param purgeLimit how many retired dedupe keys (and ledger store entries) one purge scan removes
 *     at most, so a scan stays short
 * @param ledgerRetention how long, in event time, the ledger store keeps an entry for the query
 *     API's listing; the ledger topic keeps every entry for ever
 */
public record BillingConfig(
    KrakoTopics topics,
    PriceBookCatalog priceBooks,
    Duration dedupeRetention,
    Duration purgeInterval,
    int purgeLimit,
    Duration ledgerRetention) {

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
    Objects.requireNonNull(ledgerRetention, "ledgerRetention");
    if (ledgerRetention.isNegative() || ledgerRetention.isZero()) {
      throw new IllegalArgumentException("ledgerRetention must be positive");
    }
  }

  /**
   * The bundled price books, a 7-day dedupe retention (Kafka's default topic retention; see
   * docs/billing.md for sizing it to a real replay horizon), a purge scan a minute that removes at
   * most 10,000 retired keys or ledger entries, and a ledger store that lists the last 31 days of
   * entries (a month to answer questions about, older entries are in krako.ledger and its SQL
   * export).
   */
  public static BillingConfig defaults(KrakoTopics topics) {
    return new BillingConfig(
        topics,
        PriceBookCatalog.bundled(),
        Duration.ofDays(7),
        Duration.ofMinutes(1),
        10_000,
        Duration.ofDays(31));
  }

  public DedupeHorizon horizon() {
    return new DedupeHorizon(dedupeRetention);
  }
}
