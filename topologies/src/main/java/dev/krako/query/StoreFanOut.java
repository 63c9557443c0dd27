package dev.krako.query;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.streams.state.HostInfo;

/**
 * A listing of a store whose wanted values may sit in every partition: this instance scans its own
 * active partitions and asks every other instance that has active partitions of the store (from
 * {@code streamsMetadataForStore}) for its part, a forwarded request that instance answers from its
 * partitions alone. The result is whole or a failure reply: an instance that does not answer, or a
 * change of the store's placement between the start and the end of the reads, gives 503 and never a
 * partial list.
 *
 * @param <V> the store's values
 */
final class StoreFanOut<V> {

  /** How one value appears in a listing: its JSON, and the field and list that carry it. */
  record Shape<V>(String listField, String idField, Function<V, JsonNode> view) {}

  /** Either every instance's views by id, or the reply to give instead. */
  record Gathered(Map<String, JsonNode> found, Optional<Reply> failure) {}

  private final QueryableStore<V> store;
  private final Shape<V> shape;
  private final Optional<HostInfo> self;
  private final Forwarder forwarder;

  StoreFanOut(
      QueryableStore<V> store, Shape<V> shape, Optional<HostInfo> self, Forwarder forwarder) {
    this.store = store;
    this.shape = shape;
    this.self = self;
    this.forwarder = forwarder;
  }

  /** The wanted values of this instance's active partitions, by id. */
  Map<String, JsonNode> local(Predicate<V> wanted) {
    Map<String, JsonNode> views = new TreeMap<>();
    for (V value : store.scan(wanted)) {
      JsonNode view = shape.view().apply(value);
      views.put(view.path(shape.idField()).asText(), view);
    }
    return views;
  }

  /** The wanted values of every instance, by id (a request that is not itself forwarded). */
  Gathered all(Call call, Predicate<V> wanted) {
    if (self.isEmpty()) {
      return new Gathered(local(wanted), Optional.empty()); // the only instance
    }
    Map<HostInfo, Set<TopicPartition>> before = store.activePlacement();
    if (before.isEmpty()) {
      return failed(Reply.unavailable("the store's placement is not known yet (rebalancing)"));
    }
    Map<String, JsonNode> found = new TreeMap<>();
    for (HostInfo host : before.keySet()) {
      Optional<Reply> failure = collect(host, call, wanted, found);
      if (failure.isPresent()) {
        return failed(failure.get());
      }
    }
    if (!before.equals(store.activePlacement())) {
      return failed(Reply.unavailable("the store moved between instances while it was read"));
    }
    return new Gathered(found, Optional.empty());
  }

  private static Gathered failed(Reply reply) {
    return new Gathered(Map.of(), Optional.of(reply));
  }

  /** Adds one instance's values to {@code found}; the reply to give instead when it fails. */
  private Optional<Reply> collect(
      HostInfo host, Call call, Predicate<V> wanted, Map<String, JsonNode> found) {
    if (self.get().equals(host)) {
      found.putAll(local(wanted));
      return Optional.empty();
    }
    Reply part = forwarder.forward(host, call.request());
    if (part.status() == 503) {
      return Optional.of(part);
    }
    if (part.status() != 200) {
      return Optional.of(
          Reply.error(502, "the instance " + host + " answered " + part.status(), Map.of()));
    }
    try {
      for (JsonNode value : Reply.JSON.readTree(part.body()).path(shape.listField())) {
        found.put(value.path(shape.idField()).asText(), value);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(
          Reply.error(502, "the instance " + host + " answered with no JSON", Map.of()));
    }
  }
}
