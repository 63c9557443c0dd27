package dev.krako.query;

import java.util.Optional;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which instance answers for one key of a store, decided from the Streams metadata of the key
 * ({@code KafkaStreams#queryMetadataForKey}): this one (in which partition), another one, or none
 * right now.
 */
sealed interface KeyOwner {

  /** This instance holds the key's partition as an active task. */
  record Local(int partition) implements KeyOwner {}

  /** Another instance, reached at its {@code application.server}, holds it. */
  record Remote(HostInfo host) implements KeyOwner {}

  /** Nobody can answer now (rebalancing, or the partition has no active owner yet). */
  record Unavailable(String reason) implements KeyOwner {}

  /**
   * @param self this instance's {@code application.server}; empty when it has none, which means it
   *     runs alone: every key it holds is read here, and a key it does not hold fails the store
   *     read (503), never a wrong 404
   */
  static KeyOwner of(KeyQueryMetadata metadata, Optional<HostInfo> self) {
    if (metadata.partition() < 0) {
      return new Unavailable("the store's metadata is not available yet (rebalancing)");
    }
    HostInfo active = metadata.activeHost();
    if (active.equals(HostInfo.unavailable())) {
      return self.isPresent()
          ? new Unavailable("no instance owns partition " + metadata.partition() + " right now")
          : new Local(metadata.partition());
    }
    if (self.isPresent() && active.equals(self.get())) {
      return new Local(metadata.partition());
    }
    return new Remote(active);
  }
}
