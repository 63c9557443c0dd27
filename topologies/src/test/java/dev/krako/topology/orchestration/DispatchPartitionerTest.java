package dev.krako.topology.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.WorkUnitDispatch;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

class DispatchPartitionerTest {

  private final DispatchPartitioner partitioner = new DispatchPartitioner();

  private static WorkUnitDispatch replica(int index) {
    WorkUnitDispatch d = new WorkUnitDispatch();
    d.put(WorkUnitDispatch.getClassSchema().getField("replica_index").pos(), index);
    return d;
  }

  @Test
  void replicaZeroGoesWhereTheProducerPutsTheSessionAndEachNextReplicaOnePartitionFurther() {
    String session = "0b6e1c1e-4b0f-3c55-9d2e-2f1a4c8a9b10";
    int base = Utils.toPositive(Utils.murmur2(session.getBytes(StandardCharsets.UTF_8))) % 6;

    assertThat(partitioner.partitions("t", session, replica(0), 6)).contains(Set.of(base));
    assertThat(partitioner.partitions("t", session, replica(1), 6))
        .contains(Set.of((base + 1) % 6));
    assertThat(partitioner.partitions("t", session, replica(7), 6))
        .contains(Set.of((base + 7) % 6));
  }

  @Test
  void anythingButADispatchKeepsTheProducersDefault() {
    assertThat(partitioner.partitions("t", "k", "not a dispatch", 6)).isEmpty();
    assertThat(partitioner.partitions("t", null, replica(1), 6)).isEmpty();
  }
}
