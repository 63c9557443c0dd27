package dev.krako.query;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * One key-value store of a Kafka Streams application (string keys), as the query API reads it:
 * where a key lives, and this instance's active partitions. Every method may throw {@link
 * InvalidStateStoreException} while the store is not queryable here (starting, rebalancing,
 * restoring, migrated); the API answers 503 then.
 */
interface QueryableStore<V> {

  /** The state of the application that owns the store, for the health check. */
  String applicationState();

  /** Where {@code key} lives; {@link KeyQueryMetadata#NOT_AVAILABLE} while that is not known. */
  KeyQueryMetadata metadataFor(String key);

  /**
   * The active partitions of every instance that has some of this store, by its {@code
   * application.server}; empty while not known.
   */
  Map<HostInfo, Set<TopicPartition>> activePlacement();

  /** The value of {@code key} in this instance's active {@code partition}; null when absent. */
  V get(String key, int partition);

  /** The values in all of this instance's active partitions that {@code keep} accepts. */
  List<V> scan(Predicate<V> keep);

  /**
   * Visits the keys from {@code from} to {@code to} (both inclusive) of this instance's active
   * {@code partition} in key order, until {@code visit} returns false.
   */
  void range(String from, String to, int partition, BiPredicate<String, V> visit);
}
