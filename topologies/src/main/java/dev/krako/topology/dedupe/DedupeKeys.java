package dev.krako.topology.dedupe;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Keys already handled (billed events, counted events), shared by the billing and trust topologies,
 * whose dedupe is the same (ADR 023). A key is one entry of a persistent window store: the key as
 * record key, its event time capped at the wall clock as window start, its event time as value. So
 * a new key is one changelog record, and old keys go away with whole segments of the store, which
 * writes no tombstone; the changelog forgets them by its time retention.
 *
 * <p>A key is remembered while its time is no more than the horizon older than the newest time
 * remembered, as the store's retention says: a lookup cannot see an older entry even before its
 * segment is dropped. The cap at the wall clock keeps one event stamped in the future from moving
 * the store's clock and making it forget the recent past.
 *
 * <p>The keys of the layout before ADR 023 ({@link RetiredKeys}) count as handled too, until they
 * are drained.
 */
public final class DedupeKeys {

  /** A key is an instant, not an interval; the window size only has to be positive. */
  private static final Duration POINT = Duration.ofMillis(1);

  private final WindowStore<String, Long> seen;
  private final RetiredKeys retired;

  /** Set by the first purge scan that finds no retired key; nothing adds one after that. */
  private boolean retiredDrained;

  private long newestRemembered = Long.MIN_VALUE;

  public DedupeKeys(WindowStore<String, Long> seen, RetiredKeys retired) {
    this.seen = seen;
    this.retired = retired;
  }

  /**
   * The store of the keys, remembering each one for {@code horizon} after the newest. The store's
   * retention is one millisecond more, because a window store hides an entry exactly the retention
   * old and the horizon keeps it. Its segments are half the retention (Kafka's choice for a window
   * store): a lookup searches at most three, and a key stays on disk at most half a horizon past
   * its time. The changelog keeps a record twice the horizon, by the broker's clock: a restore must
   * find every key within the horizon of the newest one it restores, and the application may have
   * been stopped, so its newest key may be up to a horizon older than the broker's clock.
   */
  public static StoreBuilder<WindowStore<String, Long>> store(String name, Duration horizon) {
    return Stores.windowStoreBuilder(
            Stores.persistentWindowStore(name, horizon.plus(POINT), POINT, false),
            Serdes.String(),
            Serdes.Long())
        .withLoggingEnabled(
            Map.of(
                TopicConfig.RETENTION_MS_CONFIG,
                Long.toString(horizon.multipliedBy(2).toMillis())));
  }

  public boolean contains(String key) {
    try (WindowStoreIterator<Long> it = seen.fetch(key, 0L, Long.MAX_VALUE)) {
      if (it.hasNext()) {
        return true;
      }
    }
    return !retiredDrained && retired.contains(key);
  }

  /**
   * Remembers a key that is not {@link #contains contained}: one write. An event older than the
   * horizon of the newest key is not remembered (the store drops it), as the old layout forgot such
   * a key at its next purge scan.
   */
  public void remember(String key, Instant eventTime, Instant now) {
    long time = Math.min(eventTime.toEpochMilli(), now.toEpochMilli());
    seen.put(key, eventTime.toEpochMilli(), time);
    newestRemembered = Math.max(newestRemembered, time);
  }

  /**
   * The time the horizon of the retired keys is measured from: the newest key remembered, retired
   * or remembered since this task started; empty once the retired keys are drained.
   */
  public Optional<Instant> newestForRetired() {
    if (retiredDrained) {
      return Optional.empty();
    }
    Optional<Instant> newest = retired.newest();
    if (newest.isEmpty()) {
      retiredDrained = true;
      return newest;
    }
    return Optional.of(
        Instant.ofEpochMilli(Math.max(newest.get().toEpochMilli(), newestRemembered)));
  }

  /** Forgets at most {@code limit} retired keys of events before {@code cutoff}, oldest first. */
  public int forgetRetiredBefore(Instant cutoff, int limit) {
    return retiredDrained ? 0 : retired.forgetBefore(cutoff, limit);
  }
}
