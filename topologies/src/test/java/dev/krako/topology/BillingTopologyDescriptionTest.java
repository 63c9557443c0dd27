package dev.krako.topology;

import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.topology.billing.BillingConfig;
import dev.krako.topology.billing.BillingTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The golden file of the billing topology's description, as {@link TopologyDescriptionTest} keeps
 * the others': a renamed processor, store or repartition topic shows up in review as a diff of
 * {@code src/test/resources/topologies/billing.txt}. To accept a deliberate change, run with {@code
 * -Dkrako.golden.update=true} and commit the new file.
 */
class BillingTopologyDescriptionTest {

  private static final Path GOLDEN = Path.of("src/test/resources/topologies/billing.txt");

  @Test
  void billingTopologyMatchesItsGoldenDescription() throws IOException {
    String actual = BillingTopology.build(BillingConfig.defaults(TOPICS)).describe().toString();
    if (Boolean.getBoolean("krako.golden.update") || !Files.exists(GOLDEN)) {
      Files.createDirectories(GOLDEN.getParent());
      Files.writeString(GOLDEN, actual, StandardCharsets.UTF_8);
    }
    assertThat(actual).isEqualTo(Files.readString(GOLDEN, StandardCharsets.UTF_8));
  }

  @Test
  void everyProcessorStoreAndInternalTopicHasAnExplicitName() {
    String description =
        BillingTopology.build(BillingConfig.defaults(TOPICS)).describe().toString();

    // Generated names start with the operator (KSTREAM-AGGREGATE-0000000003 and the like).
    assertThat(description).doesNotContain("KSTREAM-", "KTABLE-");
  }
}
