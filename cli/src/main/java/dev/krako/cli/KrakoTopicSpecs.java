package dev.krako.cli;

import dev.krako.kafka.local.TopicSpec;
import dev.krako.topics.TopicNames;
import java.util.List;

/** The topics a Krako deployment needs, each with the same partition count (scale = partitions). */
public final class KrakoTopicSpecs {

  /**
   * The graph topic accepts records up to 16 MiB, far above ingress's own document limit (1 MiB):
   * an oversized graph then gets a precise TOO_LARGE rejection from Krako instead of a producer
   * error KORA might not log. Beyond 16 MiB the broker refuses the record and KORA's producer sees
   * RecordTooLargeException.
   */
  public static final int GRAPH_TOPIC_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private KrakoTopicSpecs() {}

  public static List<TopicSpec> all(TopicNames names, int partitions) {
    return names.all().stream()
        .map(name -> TopicSpec.of(name, partitions))
        .map(
            spec ->
                spec.name().equals(names.taskGraphs())
                    ? spec.withConfig(
                        "max.message.bytes", Integer.toString(GRAPH_TOPIC_MAX_MESSAGE_BYTES))
                    : spec)
        // The ledger is the bill: kept for ever (a ledger is never compacted either).
        .map(
            spec ->
                spec.name().equals(names.ledger()) ? spec.withConfig("retention.ms", "-1") : spec)
        // Node trust is a table: the latest record per node is all that matters.
        .map(
            spec ->
                spec.name().equals(names.nodesTrust())
                    ? spec.withConfig("cleanup.policy", "compact")
                    : spec)
        .toList();
  }
}
