package dev.krako.topics;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic as every component sees it: its name and the serdes of its keys and values. Shared by
 * topologies, workers and tests so that the three can never disagree on a format.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

  public Topic {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keySerde, "keySerde");
    Objects.requireNonNull(valueSerde, "valueSerde");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A topic name must not be blank.");
    }
  }
}
