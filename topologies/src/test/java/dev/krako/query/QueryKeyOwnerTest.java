package dev.krako.query;

import static dev.krako.query.QuerySamples.HOST_A;
import static dev.krako.query.QuerySamples.HOST_B;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/** Who answers for a key, from what {@code queryMetadataForKey} says and who this instance is. */
final class QueryKeyOwnerTest {

  private static final Optional<HostInfo> SELF = Optional.of(HOST_A);
  private static final Optional<HostInfo> ALONE = Optional.empty();

  private static KeyQueryMetadata ownedBy(HostInfo host, int partition) {
    return new KeyQueryMetadata(host, Set.of(HOST_B), partition);
  }

  @Test
  void theActiveOwnerIsThisInstance() {
    assertThat(KeyOwner.of(ownedBy(HOST_A, 3), SELF)).isEqualTo(new KeyOwner.Local(3));
  }

  @Test
  void theActiveOwnerIsAnotherInstance() {
    assertThat(KeyOwner.of(ownedBy(HOST_B, 3), SELF)).isEqualTo(new KeyOwner.Remote(HOST_B));
  }

  @Test
  void aStandbyHereDoesNotMakeTheKeyLocal() {
    KeyQueryMetadata standbyHere = new KeyQueryMetadata(HOST_B, Set.of(HOST_A), 3);

    assertThat(KeyOwner.of(standbyHere, SELF)).isEqualTo(new KeyOwner.Remote(HOST_B));
  }

  @Test
  void metadataThatIsNotAvailableYetMeansNobodyAnswers() {
    assertThat(KeyOwner.of(KeyQueryMetadata.NOT_AVAILABLE, SELF))
        .isInstanceOf(KeyOwner.Unavailable.class);
    assertThat(KeyOwner.of(KeyQueryMetadata.NOT_AVAILABLE, ALONE))
        .isInstanceOf(KeyOwner.Unavailable.class);
  }

  @Test
  void aPartitionWithoutAnActiveOwnerMeansNobodyAnswers() {
    assertThat(KeyOwner.of(ownedBy(HostInfo.unavailable(), 3), SELF))
        .isInstanceOf(KeyOwner.Unavailable.class);
  }

  @Test
  void anInstanceThatRunsAloneReadsEveryKeyItself() {
    // Without application.server no instance is named in the metadata, only the partition.
    assertThat(KeyOwner.of(ownedBy(HostInfo.unavailable(), 5), ALONE))
        .isEqualTo(new KeyOwner.Local(5));
  }

  @Test
  void anInstanceWithoutAnAddressStillForwardsToOnesThatHaveOne() {
    assertThat(KeyOwner.of(ownedBy(HOST_B, 5), ALONE)).isEqualTo(new KeyOwner.Remote(HOST_B));
  }
}
