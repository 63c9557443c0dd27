package dev.krako.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A store of one instance, with scripted metadata: which host owns a key, where the store's
 * partitions are, and whether the local partitions are queryable. Counts its reads.
 */
final class FakeStore<V> implements QueryableStore<V> {

  private final TreeMap<String, V> values = new TreeMap<>();
  private final Map<String, Integer> reads = new HashMap<>();
  private final Deque<Map<HostInfo, Set<TopicPartition>>> placements = new ArrayDeque<>();
  private Function<String, KeyQueryMetadata> metadata;
  private boolean queryable = true;

  /** Every key owned by {@code host}, in partition 0. */
  FakeStore(HostInfo host) {
    ownedBy(host);
  }

  FakeStore<V> put(String key, V value) {
    values.put(key, value);
    return this;
  }

  FakeStore<V> ownedBy(HostInfo host) {
    metadata = key -> new KeyQueryMetadata(host, Set.of(), 0);
    return this;
  }

  FakeStore<V> metadata(Function<String, KeyQueryMetadata> byKey) {
    metadata = byKey;
    return this;
  }

  /** The placements that successive calls of {@link #activePlacement()} see; the last repeats. */
  @SafeVarargs
  final FakeStore<V> placements(Map<HostInfo, Set<TopicPartition>>... seen) {
    placements.clear();
    for (Map<HostInfo, Set<TopicPartition>> placement : seen) {
      placements.add(placement);
    }
    return this;
  }

  FakeStore<V> notQueryable() {
    queryable = false;
    return this;
  }

  int readsOf(String key) {
    return reads.getOrDefault(key, 0);
  }

  int reads() {
    return reads.values().stream().mapToInt(Integer::intValue).sum();
  }

  @Override
  public String applicationState() {
    return "RUNNING";
  }

  @Override
  public KeyQueryMetadata metadataFor(String key) {
    return metadata.apply(key);
  }

  @Override
  public Map<HostInfo, Set<TopicPartition>> activePlacement() {
    if (placements.size() > 1) {
      return placements.poll();
    }
    return placements.isEmpty() ? Map.of() : placements.peek();
  }

  @Override
  public V get(String key, int partition) {
    requireQueryable();
    reads.merge(key, 1, Integer::sum);
    return values.get(key);
  }

  @Override
  public List<V> scan(Predicate<V> keep) {
    requireQueryable();
    List<V> found = new ArrayList<>();
    values.forEach(
        (key, value) -> {
          reads.merge(key, 1, Integer::sum);
          if (keep.test(value)) {
            found.add(value);
          }
        });
    return found;
  }

  @Override
  public void range(String from, String to, int partition, BiPredicate<String, V> visit) {
    requireQueryable();
    for (Map.Entry<String, V> entry : values.subMap(from, true, to, true).entrySet()) {
      reads.merge(entry.getKey(), 1, Integer::sum);
      if (!visit.test(entry.getKey(), entry.getValue())) {
        return;
      }
    }
  }

  private void requireQueryable() {
    if (!queryable) {
      throw new InvalidStateStoreException("The fake store is rebalancing.");
    }
  }
}
