package dev.krako.topology;

import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.topology.ingress.IngressConfig;
import dev.krako.topology.ingress.IngressTopology;
import dev.krako.topology.orchestration.OrchestrationConfig;
import dev.krako.topology.orchestration.OrchestrationTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.Test;

/**
 * Golden files of each topology's description: a renamed processor, store or internal topic shows
 * up in review as a diff of {@code src/test/resources/topologies/}. To accept a deliberate change,
 * run with {@code -Dkrako.golden.update=true} and commit the new file.
 */
class TopologyDescriptionTest {

  private static final Path GOLDEN = Path.of("src/test/resources/topologies");

  @Test
  void ingressTopologyMatchesItsGoldenDescription() throws IOException {
    assertMatchesGolden("ingress.txt", IngressTopology.build(IngressConfig.defaults(TOPICS, "i")));
  }

  @Test
  void orchestrationTopologyMatchesItsGoldenDescription() throws IOException {
    assertMatchesGolden(
        "orchestration.txt",
        OrchestrationTopology.build(OrchestrationConfig.defaults(TOPICS, "o")));
  }

  private static void assertMatchesGolden(String file, Topology topology) throws IOException {
    String actual = topology.describe().toString();
    Path golden = GOLDEN.resolve(file);
    if (Boolean.getBoolean("krako.golden.update") || !Files.exists(golden)) {
      Files.createDirectories(GOLDEN);
      Files.writeString(golden, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(golden, StandardCharsets.UTF_8));
  }
}
