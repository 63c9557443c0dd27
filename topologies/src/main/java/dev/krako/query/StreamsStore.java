package dev.krako.query;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * A key-value store of a running {@link KafkaStreams}, read through interactive queries. Only
 * active, up-to-date partitions are read (no stale stores): a standby or a restoring task fails the
 * read instead of answering from old state.
 */
final class StreamsStore<V> implements QueryableStore<V> {

  /** Every queried store is keyed by strings serialized as UTF-8, partitioned by the default. */
  private static final Serializer<String> KEYS = new StringSerializer();

  private final KafkaStreams streams;
  private final String name;

  StreamsStore(KafkaStreams streams, String name) {
    this.streams = streams;
    this.name = name;
  }

  @Override
  public String applicationState() {
    return streams.state().toString();
  }

  @Override
  public KeyQueryMetadata metadataFor(String key) {
    requireRunning();
    KeyQueryMetadata metadata = streams.queryMetadataForKey(name, key, KEYS);
    if (metadata == null) {
      throw new IllegalStateException("The store " + name + " is not in this application.");
    }
    return metadata;
  }

  @Override
  public Map<HostInfo, Set<TopicPartition>> activePlacement() {
    requireRunning();
    Map<HostInfo, Set<TopicPartition>> placement = new HashMap<>();
    for (StreamsMetadata instance : streams.streamsMetadataForStore(name)) {
      if (instance.stateStoreNames().contains(name)) {
        placement.put(instance.hostInfo(), Set.copyOf(instance.topicPartitions()));
      }
    }
    return Map.copyOf(placement);
  }

  @Override
  public V get(String key, int partition) {
    requireRunning();
    return streams.store(parameters().withPartition(partition)).get(key);
  }

  @Override
  public List<V> scan(Predicate<V> keep) {
    requireRunning();
    List<V> found = new ArrayList<>();
    try (KeyValueIterator<String, V> all = streams.store(parameters()).all()) {
      all.forEachRemaining(
          entry -> {
            if (keep.test(entry.value)) {
              found.add(entry.value);
            }
          });
    }
    return found;
  }

  @Override
  public void range(String from, String to, int partition, BiPredicate<String, V> visit) {
    requireRunning();
    try (KeyValueIterator<String, V> keys =
        streams.store(parameters().withPartition(partition)).range(from, to)) {
      while (keys.hasNext()) {
        KeyValue<String, V> next = keys.next();
        if (!visit.test(next.key, next.value)) {
          return;
        }
      }
    }
  }

  private StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters() {
    return StoreQueryParameters.fromNameAndType(
        name, QueryableStoreTypes.<String, V>keyValueStore());
  }

  /** Outside RUNNING and REBALANCING, KafkaStreams throws IllegalStateException: make it a 503. */
  private void requireRunning() {
    KafkaStreams.State state = streams.state();
    if (!state.isRunningOrRebalancing()) {
      throw new InvalidStateStoreException(
          "The application of store " + name + " is " + state + ", not running.");
    }
  }
}
