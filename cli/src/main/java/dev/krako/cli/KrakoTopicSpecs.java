package dev.krako.cli;

import dev.krako.kafka.local.TopicSpec;
import dev.krako.topics.TopicNames;
import java.util.List;

/**
 * The topics a Krako deployment needs, each with the same partition count (scale = partitions; the
 * orchestrator reads the heartbeat and report topics beside the admitted sessions, so they must be
 * co-partitioned), except the two admission topics: one partition each, since the admission mode is
 * one value decided in one place (docs/capacity.md).
 */
public final class KrakoTopicSpecs {

  /**
   * The graph topic accepts records up to 16 MiB, far above ingress's own document limit (1 MiB):
   * an oversized graph then gets a precise TOO_LARGE rejection from Krako instead of a producer
   * error KORA might not log. Beyond 16 MiB the broker refuses the record and KORA's producer sees
   * RecordTooLargeException.
   */
  public static final int GRAPH_TOPIC_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  /** One hour: heartbeats are stale after one lease (docs/adr/016-heartbeats-and-leases.md). */
  public static final String HEARTBEAT_RETENTION_MS = "3600000";

  private KrakoTopicSpecs() {}

  public static List<TopicSpec> all(TopicNames names, int partitions) {
    return names.all().stream()
        .map(
            name ->
                name.equals(names.admissionCommands()) || name.equals(names.admissionMode())
                    ? TopicSpec.of(name, 1)
                    : TopicSpec.of(name, partitions))
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
        // Heartbeats only matter for one lease (seconds): an hour of them is plenty for a
        // restarted orchestrator and keeps the topic small.
        .map(
            spec ->
                spec.name().equals(names.heartbeats())
                    ? spec.withConfig("retention.ms", HEARTBEAT_RETENTION_MS)
                    : spec)
        // Node trust and the admission mode are tables: the latest record per key is all that
        // matters.
        .map(
            spec ->
                spec.name().equals(names.nodesTrust()) || spec.name().equals(names.admissionMode())
                    ? spec.withConfig("cleanup.policy", "compact")
                    : spec)
        .toList();
  }
}
