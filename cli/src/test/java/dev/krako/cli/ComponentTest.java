package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import java.time.Duration;
import java.util.EnumSet;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class ComponentTest {

  @Test
  void readsAListInAnyOrderCaseAndSpacing() {
    assertThat(Component.parseList(" Query,billing , orchestration,,trust,cpu-trusted-pool"))
        .isEqualTo(
            EnumSet.of(
                Component.QUERY,
                Component.TRUST,
                Component.BILLING,
                Component.ORCHESTRATION,
                Component.CPU_TRUSTED_POOL));
  }

  @Test
  void onlyTheApplicationsThatWriteNothingOnTheCriticalPathCommitOnceASecondAndPollLazily() {
    for (Component c : EnumSet.of(Component.BILLING, Component.TRUST, Component.CAPACITY)) {
      assertThat(c.commitInterval()).as(c.wireName()).isEqualTo(Duration.ofSeconds(1));
      assertThat(c.pollInterval()).as(c.wireName()).isEqualTo(Duration.ofMillis(100));
    }
    for (Component c : EnumSet.of(Component.INGRESS, Component.ORCHESTRATION)) {
      assertThat(c.commitInterval()).as(c.wireName()).isEqualTo(Duration.ofMillis(50));
      assertThat(c.pollInterval()).as(c.wireName()).isEqualTo(Duration.ofMillis(10));
    }
  }

  @Test
  void onlyFollowersWaitOnTheBrokerForTheirFetchesToFill() {
    for (Component c : EnumSet.of(Component.BILLING, Component.TRUST, Component.CAPACITY)) {
      assertThat(c.mainConsumerSettings())
          .as(c.wireName())
          .containsOnly(
              entry("main.consumer.fetch.min.bytes", 1 << 20),
              entry("main.consumer.fetch.max.wait.ms", 500));
      // The broker answers a fetch within its wait, so a follower still reads a record within
      // one of its own commit intervals of the record's commit.
      assertThat(Component.FOLLOWER_FETCH_MAX_WAIT).isLessThan(c.commitInterval());
    }
    for (Component c : EnumSet.of(Component.INGRESS, Component.ORCHESTRATION)) {
      assertThat(c.mainConsumerSettings()).as(c.wireName()).isEmpty();
    }
  }

  @Test
  void theStreamsOverridesCarryTheIntervalsAndTheMainConsumerSettings() {
    assertThat(Component.BILLING.streamsOverrides())
        .contains(
            entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000L),
            entry(StreamsConfig.POLL_MS_CONFIG, 100L))
        .containsAllEntriesOf(Component.BILLING.mainConsumerSettings());
    assertThat(Component.ORCHESTRATION.streamsOverrides())
        .containsOnly(
            entry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 50L),
            entry(StreamsConfig.POLL_MS_CONFIG, 10L));
  }

  @Test
  void namesAreTheWireNamesInDeclarationOrder() {
    assertThat(Component.names(Component.DEV))
        .isEqualTo(
            "ingress,orchestration,billing,trust,capacity,query,cpu-pool,cpu-trusted-pool,llm-pool");
    assertThat(Component.SERVE_DEFAULT).noneMatch(Component::isPool);
  }
}
