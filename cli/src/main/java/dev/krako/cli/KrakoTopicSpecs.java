package dev.krako.cli;

import dev.krako.kafka.local.TopicSpec;
import dev.krako.topics.TopicNames;
import java.util.List;

/** The topics a Krako deployment needs, each with the same partition count (scale = partitions). */
public final class KrakoTopicSpecs {

  private KrakoTopicSpecs() {}

  public static List<TopicSpec> all(TopicNames names, int partitions) {
    return names.all().stream().map(name -> TopicSpec.of(name, partitions)).toList();
  }
}
