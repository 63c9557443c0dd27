package dev.krako.topology.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.processor.internals.DefaultStreamPartitioner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The key of a partition's totals of a node parses back whatever the node id holds, and the totals
 * go to the partition where the query API looks for the node (ADR 031).
 */
class PartialKeyTest {

  @ParameterizedTest
  @ValueSource(
      strings = {"cpu-node-1", "a\u001fb", "\u001f", "7", "node\u001f12", "nœud-é-🚀", " "})
  void aKeyParsesBackToItsNodeAndPartition(String nodeId) {
    for (int partition : new int[] {0, 5, 123}) {
      PartialKey key = new PartialKey(nodeId, partition);
      assertThat(PartialKey.parse(key.encode())).isEqualTo(key);
      assertThat(key.encode()).startsWith(PartialKey.prefix(nodeId));
    }
  }

  @Test
  void aKeyWithoutAPartitionIsRefused() {
    assertThatThrownBy(() -> PartialKey.parse("node")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PartialKey.parse("node\u001f"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PartialKey.parse("node\u001f1x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PartialKey.parse("\u001f1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /**
   * {@code KafkaStreams.queryMetadataForKey(store, nodeId, StringSerializer)}, which the query API
   * calls (StreamsStore), places a key with a DefaultStreamPartitioner of that serializer: the
   * totals of every partition must land in that partition of the repartition, where {@code
   * trust-nodes} keeps the node.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 3, 6, 12, 50})
  void theTotalsOfANodeGoWhereTheQueryApiLooksForTheNode(int partitions) {
    DefaultStreamPartitioner<String, Object> query =
        new DefaultStreamPartitioner<>(new StringSerializer());
    NodePartitioner totals = new NodePartitioner();
    for (int i = 0; i < 500; i++) {
      String nodeId = (i % 2 == 0 ? "cpu-node-" : "llm-pod-é\u001f") + i;
      Optional<Set<Integer>> expected = query.partitions("any", nodeId, null, partitions);
      for (int source : new int[] {0, 4, 11}) {
        assertThat(
                totals.partitions("any", new PartialKey(nodeId, source).encode(), null, partitions))
            .isEqualTo(expected);
      }
    }
  }
}
