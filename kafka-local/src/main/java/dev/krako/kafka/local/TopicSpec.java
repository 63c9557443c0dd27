package dev.krako.kafka.local;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A topic to create on a {@link LocalKafkaBroker}, always with replication factor 1 (the broker has
 * one node).
 *
 * @param name a legal Kafka topic name
 * @param partitions at least 1
 * @param configs topic-level configs such as {@code cleanup.policy=compact}
 */
public record TopicSpec(String name, int partitions, Map<String, String> configs) {

  /** Validates and freezes the configs. */
  public TopicSpec {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("A topic name must not be blank.");
    }
    if (partitions < 1) {
      throw new IllegalArgumentException("A topic needs at least 1 partition: " + name);
    }
    configs = Map.copyOf(configs);
  }

  /** A topic with {@code partitions} partitions and the broker's default configs. */
  public static TopicSpec of(String name, int partitions) {
    return new TopicSpec(name, partitions, Map.of());
  }

  /** A copy with one more topic config ({@code key} replaced if already there). */
  public TopicSpec withConfig(String key, String value) {
    Map<String, String> copy = new HashMap<>(configs);
    copy.put(key, value);
    return new TopicSpec(name, partitions, copy);
  }
}
