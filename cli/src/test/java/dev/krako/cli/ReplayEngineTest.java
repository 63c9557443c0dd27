package dev.krako.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.billing.LedgerLine;
import dev.krako.billing.LineItem;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The replay engine without a broker: the real billing topology, fed event records in process. The
 * same events give the same digest in every run, with redeliveries, in any interleaving of the
 * sessions; and the same digest as the topology's own replay suite.
 */
class ReplayEngineTest {

  private static final KrakoTopics TOPICS =
      new KrakoTopics(TopicNames.defaults().withPrefix("replay-test."));

  @Test
  void theScenarioReplaysToTheTopologySuitesPinnedDigest() throws IOException {
    BillingState state = replay(EventLogFixture.concatenated(EventLogFixture.scenario()));

    assertThat(state.digest())
        .as(String.join("\n", state.canonicalLines()))
        .isEqualTo(EventLogFixture.SCENARIO_DIGEST);
    assertThat(state.entries()).hasSize(7);
    assertThat(state.tenants()).isEqualTo(2);
  }

  @Test
  void twoFreshReplaysOfTheSameLogGiveTheSameDigest() throws IOException {
    List<Event> log = EventLogFixture.concatenated(EventLogFixture.scenario());

    assertThat(replay(log).digest()).isEqualTo(replay(log).digest());
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 7, 42, 65_537})
  void redeliveriesAndShuffledSessionsKeepTheDigest(long seed) throws IOException {
    List<List<Event>> sessions = EventLogFixture.scenario();
    String inOrder = replay(EventLogFixture.concatenated(sessions)).digest();

    String shuffled = replay(EventLogFixture.interleaved(sessions, new Random(seed), 0)).digest();
    String withDuplicates =
        replay(EventLogFixture.interleaved(sessions, new Random(seed), 10)).digest();

    assertThat(shuffled).as("seed %d, shuffled", seed).isEqualTo(inOrder);
    assertThat(withDuplicates).as("seed %d, with redeliveries", seed).isEqualTo(inOrder);
  }

  @Test
  void theRetriedUnitIsBilledOnceForItsCompletedAttempt() throws IOException {
    List<LedgerLine> entries =
        replay(EventLogFixture.concatenated(EventLogFixture.scenario())).entries();

    assertThat(entries)
        .filteredOn(e -> e.lineItem() == LineItem.WORKUNIT_CPU)
        .filteredOn(e -> e.work().workUnitId().equals("b") || e.work().workUnitId().equals("y"))
        .extracting(e -> e.work().workUnitId() + "#" + e.work().attemptIndex())
        .containsExactlyInAnyOrder("b#1", "y#1");
  }

  @Test
  void theWalletsFoldedFromTheLedgerAreTheTopologysWalletStores() throws IOException {
    BillingState replayed =
        replay(EventLogFixture.interleaved(EventLogFixture.scenario(), new Random(3), 5));

    BillingState folded = BillingState.ofLedger(replayed.entries());

    assertThat(folded.wallets()).containsExactlyInAnyOrderElementsOf(replayed.wallets());
    assertThat(folded.digest()).isEqualTo(replayed.digest());
  }

  @Test
  void aPoisonRecordInTheLogIsSkippedAndTheReplayGoesOn() throws IOException {
    List<Event> log = EventLogFixture.concatenated(EventLogFixture.scenario());
    String clean = replay(log).digest();

    try (BillingReplay billing = BillingReplay.fresh(TOPICS)) {
      billing.feed(
          new ConsumerRecord<>(
              TOPICS.events().name(),
              0,
              0L,
              "s".getBytes(StandardCharsets.UTF_8),
              new byte[] {(byte) 0xFF, 1, 2}));
      log.forEach(billing::feed);

      assertThat(billing.state().digest()).isEqualTo(clean);
    }
  }

  @Test
  void anEmptyLogBillsNothing() throws IOException {
    BillingState state = replay(List.of());

    assertThat(state.entries()).isEmpty();
    assertThat(state.wallets()).isEmpty();
    assertThat(state.digest()).isEqualTo(BillingState.ofLedger(List.of()).digest());
  }

  private static BillingState replay(List<Event> log) throws IOException {
    try (BillingReplay billing = BillingReplay.fresh(TOPICS)) {
      log.forEach(billing::feed);
      return billing.state();
    }
  }
}
