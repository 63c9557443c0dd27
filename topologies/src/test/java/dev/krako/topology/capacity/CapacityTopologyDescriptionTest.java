package dev.krako.topology.capacity;

import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The golden file of the capacity topology's description: a renamed processor, store or repartition
 * topic shows up in review as a diff of {@code src/test/resources/topologies/capacity.txt}. To
 * accept a deliberate change, run with {@code -Dkrako.golden.update=true} and commit the new file.
 */
class CapacityTopologyDescriptionTest {

  private static final Path GOLDEN = Path.of("src/test/resources/topologies/capacity.txt");

  private static String describe() {
    return CapacityTopology.build(CapacityConfig.defaults(TOPICS, "c")).describe().toString();
  }

  @Test
  void capacityTopologyMatchesItsGoldenDescription() throws IOException {
    String actual = describe();
    if (Boolean.getBoolean("krako.golden.update") || !Files.exists(GOLDEN)) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  @Test
  void everyProcessorStoreAndInternalTopicHasAnExplicitName() {
    String description = describe();

    assertThat(description).doesNotContain("KSTREAM-", "KTABLE-");
    assertThat(description)
        .contains(
            CapacityNames.BY_CLUSTER + "-repartition",
            CapacityNames.WAITING_STORE,
            CapacityNames.RECENT_STORE,
            CapacityNames.NODES_STORE,
            CapacityNames.SUMMARIES_STORE,
            CapacityNames.SCALE_STORE,
            CapacityNames.ADMISSION_STORE,
            TOPICS.names().admissionMode());
  }
}
