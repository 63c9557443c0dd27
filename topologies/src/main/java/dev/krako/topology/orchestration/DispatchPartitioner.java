package dev.krako.topology.orchestration;

import dev.krako.avro.WorkUnitDispatch;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * Places a dispatch in its session's partition (the producer's default for the session id key),
 * shifted by its replica index: replica i of a verified attempt goes to partition {@code (p + i)
 * mod n}. Replicas then start on different partitions, and so most often on different nodes; the
 * workers' {@code exclude_nodes} hand-on makes it certain (docs/adr/009-verification-replicas.md).
 */
final class DispatchPartitioner implements StreamPartitioner<String, Object> {

  @Override
  public Optional<Set<Integer>> partitions(
      String topic, String key, Object value, int numPartitions) {
    if (key == null || !(value instanceof WorkUnitDispatch dispatch)) {
      return Optional.empty(); // the producer's default
    }
    int base =
        Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % numPartitions;
    return Optional.of(Set.of((base + dispatch.getReplicaIndex()) % numPartitions));
  }
}
