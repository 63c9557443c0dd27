package dev.krako.topology.trust;

import dev.krako.avro.NodeTrust;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Sends a partition's totals of a node to the partition its node id has under Kafka's default
 * partitioner (murmur2 of the id's UTF-8 bytes): where the merged {@code trust-nodes} entry of the
 * node is, and so where the query API, which locates a node by its id with a String serializer and
 * the default partitioner, looks for it (ADR 031).
 */
final class NodePartitioner implements StreamPartitioner<String, NodeTrust> {

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, NodeTrust value, int numPartitions) {
    return Optional.of(Set.of(of(PartialKey.parse(key).nodeId(), numPartitions)));
  }

  static int of(String nodeId, int numPartitions) {
    byte[] bytes = nodeId.getBytes(StandardCharsets.UTF_8);
    return Utils.toPositive(Utils.murmur2(bytes)) % numPartitions;
  }
}
