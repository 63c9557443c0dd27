package dev.krako.topology.trust;

import dev.krako.topics.KrakoTopics;
import dev.krako.trust.SeenHorizon;
import java.time.Duration;
import java.util.Objects;

/**
 * The typed configuration of the trust topology.
 *
 * @param dedupeRetention how long, in event time, trust remembers the event ids it counted: it must
 *     cover the longest replay of krako.events ever run against a live application, or a replayed
 *     event older than that is counted again
 * @param purgeInterval how often (wall-clock time) the retired dedupe stores (before ADR 023) are
 *     scanned for ids to forget; the dedupe store itself forgets by segments
 * @param purgeLimit how many retired ids one purge scan removes at most, so a scan stays short
 * @param snapshotInterval how often (wall-clock time) each partition of krako.events sends the
 *     totals of the nodes changed since its last snapshot to be merged (ADR 031): the delay it adds
 *     to a node's trust, and the rate of records it writes per node and partition
 */
public record TrustConfig(
    KrakoTopics topics,
    Duration dedupeRetention,
    Duration purgeInterval,
    int purgeLimit,
    Duration snapshotInterval) {

  public TrustConfig {
    Objects.requireNonNull(topics, "topics");
    Objects.requireNonNull(dedupeRetention, "dedupeRetention");
    Objects.requireNonNull(purgeInterval, "purgeInterval");
    if (dedupeRetention.isNegative() || dedupeRetention.isZero()) {
      throw new IllegalArgumentException("dedupeRetention must be positive");
    }
    if (purgeInterval.isNegative() || purgeInterval.isZero()) {
      throw new IllegalArgumentException("purgeInterval must be positive");
    }
    Objects.requireNonNull(snapshotInterval, "snapshotInterval");
    if (snapshotInterval.isNegative() || snapshotInterval.isZero()) {
      throw new IllegalArgumentException("snapshotInterval must be positive");
    }
    if (purgeLimit < 1) {
      throw new IllegalArgumentException("purgeLimit must be at least 1");
    }
  }

  /**
   * A 7-day dedupe retention (Kafka's default topic retention, as billing's; see docs/trust.md for
   * sizing it to a real replay horizon), a purge scan of the retired stores a minute that removes
   * at most 10,000 ids, and a snapshot of the changed nodes a second: trust commits once a second
   * (a follower, {@code Component.commitInterval}), and the snapshots of a transaction are read
   * only once it commits, so snapshots sent more often would write several of a busy node per
   * commit, of which only the last matters, for a lag that stays above a second.
   */
  public static TrustConfig defaults(KrakoTopics topics) {
    return new TrustConfig(
        topics, Duration.ofDays(7), Duration.ofMinutes(1), 10_000, Duration.ofSeconds(1));
  }

  public SeenHorizon horizon() {
    return new SeenHorizon(dedupeRetention);
  }
}
