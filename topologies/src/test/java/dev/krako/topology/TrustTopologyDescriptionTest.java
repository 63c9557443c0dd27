package dev.krako.topology;

import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.topology.trust.TrustConfig;
import dev.krako.topology.trust.TrustNames;
import dev.krako.topology.trust.TrustTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The golden file of the trust topology's description, as {@link TopologyDescriptionTest} keeps the
 * others': a renamed processor, store or repartition topic shows up in review as a diff of {@code
 * src/test/resources/topologies/trust.txt}. To accept a deliberate change, run with {@code
 * -Dkrako.golden.update=true} and commit the new file.
 */
class TrustTopologyDescriptionTest {

  private static final Path GOLDEN = Path.of("src/test/resources/topologies/trust.txt");

  @Test
  void trustTopologyMatchesItsGoldenDescription() throws IOException {
    String actual = TrustTopology.build(TrustConfig.defaults(TOPICS)).describe().toString();
    if (Boolean.getBoolean("krako.golden.update") || !Files.exists(GOLDEN)) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  @Test
  void everyProcessorStoreAndInternalTopicHasAnExplicitName() {
    String description = TrustTopology.build(TrustConfig.defaults(TOPICS)).describe().toString();

    // Generated names start with the operator (KSTREAM-AGGREGATE-0000000003 and the like).
    assertThat(description).doesNotContain("KSTREAM-", "KTABLE-");
    assertThat(description)
        .contains(
            TrustNames.BY_NODE + "-repartition",
            TrustNames.DEDUPE_STORE,
            TrustNames.RETIRED_SEEN_STORE,
            TrustNames.RETIRED_SEEN_EXPIRY_STORE,
            TrustNames.PARTITION_NODES_STORE,
            TrustNames.PARTIALS_STORE,
            TrustNames.NODES_STORE,
            TOPICS.names().nodesTrust());
  }
}
