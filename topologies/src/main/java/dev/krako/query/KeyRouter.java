package dev.krako.query;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Answers a read of one key where the key lives: from this instance's partition, from the owner
 * (forwarded once, with the caller's key), or 503 while no instance can answer. A forwarded request
 * whose key has moved on again gets 503 rather than a second hop, so two instances with different
 * views of a rebalance never bounce a request between them.
 */
final class KeyRouter {

  private final Optional<HostInfo> self;
  private final Forwarder forwarder;

  KeyRouter(Optional<HostInfo> self, Forwarder forwarder) {
    this.self = self;
    this.forwarder = forwarder;
  }

  /**
   * Reads {@code key} of {@code store} and lets {@code answer} turn the value (or null) to JSON.
   */
  <V> Reply read(QueryableStore<V> store, String key, Call call, Function<V, Reply> answer) {
    return route(store, key, call, partition -> answer.apply(store.get(key, partition)));
  }

  /**
   * Answers where {@code key} lives: {@code local} reads the key's partition of this instance, or
   * the request goes to the owner. For stores whose keys start with the key that partitions them
   * (the ledger store, partitioned by tenant id).
   */
  <V> Reply route(QueryableStore<V> store, String key, Call call, IntFunction<Reply> local) {
    KeyOwner owner = KeyOwner.of(store.metadataFor(key), self);
    if (owner instanceof KeyOwner.Local here) {
      return local.apply(here.partition());
    }
    if (owner instanceof KeyOwner.Remote remote) {
      return call.request().forwarded()
          ? Reply.unavailable("the data moved to another instance while this request was forwarded")
          : forwarder.forward(remote.host(), call.request());
    }
    return Reply.unavailable(((KeyOwner.Unavailable) owner).reason());
  }
}
