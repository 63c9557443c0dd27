package dev.krako.topology.billing;

import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Wallet;
import dev.krako.billing.Balance;
import dev.krako.billing.LedgerDigest;
import dev.krako.billing.LedgerLine;
import dev.krako.schemas.AvroSerdes;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Replay determinism: the same events, in any order that keeps each session's order, with
 * redeliveries, on any number of partitions, give the same ledger and wallets — the same digest,
 * and the same bytes.
 */
class BillingReplayTest {

  /**
   * The digest of {@link BillingScenario} under price book v1. It changes only when the prices, the
   * rules or the canonical form change, each of which must be deliberate: then print {@link
   * BillingHarness#canonicalText()}, check it line by line, and update this value.
   */
  static final String SCENARIO_DIGEST =
      "8cd62488f3fb527560cbb316cf1caed4398bc9242eebacdfb09ad5a542c4702e";

  @TempDir Path stateDir;

  @Test
  void theScenarioHasItsPinnedDigest() {
    try (BillingHarness billing = new BillingHarness(stateDir)) {
      billing.pipe(BillingScenario.log());

      assertThat(billing.digest()).as(billing.canonicalText()).isEqualTo(SCENARIO_DIGEST);
    }
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 1_000, 65_537, 20_260_101})
  void theLogShuffledWithRedeliveriesGivesTheSameDigest(long seed) {
    List<Event> shuffled =
        BillingEventLog.interleave(BillingScenario.sessions(), new Random(seed), 12);

    String inOrder = digestOf(BillingScenario.log(), "in-order");
    String reordered = digestOf(shuffled, "shuffled");

    assertThat(reordered).as("seed %d", seed).isEqualTo(inOrder);
  }

  @Test
  void aFreshApplicationReplayingTheLogWritesTheSameBytes() {
    List<Event> replay = BillingEventLog.interleave(BillingScenario.sessions(), new Random(7), 9);
    try (BillingHarness first = new BillingHarness(stateDir.resolve("first"));
        BillingHarness second = new BillingHarness(stateDir.resolve("second"))) {
      first.pipe(BillingScenario.log());
      second.pipe(replay);

      assertThat(ledgerBytes(second.ledger())).isEqualTo(ledgerBytes(first.ledger()));
      assertThat(walletBytes(second.wallets())).isEqualTo(walletBytes(first.wallets()));
    }
  }

  @ParameterizedTest(name = "{0} event partitions, {1} wallet partitions")
  @CsvSource({"1, 1", "2, 3", "3, 2", "5, 5", "8, 1"})
  void anyNumberOfPartitionsGivesTheSameDigest(int eventPartitions, int walletPartitions) {
    List<Event> log = BillingEventLog.interleave(BillingScenario.sessions(), new Random(11), 6);

    String partitioned = partitionedDigest(log, eventPartitions, walletPartitions);

    assertThat(partitioned).isEqualTo(digestOf(BillingScenario.log(), "one-partition"));
  }

  private String digestOf(List<Event> log, String run) {
    try (BillingHarness billing = new BillingHarness(stateDir.resolve(run))) {
      return billing.pipe(log).digest();
    }
  }

  /**
   * Runs billing as it runs on partitioned topics: each event partition is one task (its own driver
   * and dedupe store); the ledger entries they write go, in an interleaving of the event tasks'
   * outputs, to the wallet tasks partitioned by tenant as {@code krako.ledger} is (more drivers),
   * which fold both the tenant wallets and the session totals.
   */
  private String partitionedDigest(List<Event> log, int eventPartitions, int walletPartitions) {
    List<List<LedgerEntry>> written = new ArrayList<>();
    for (Map.Entry<Integer, List<Event>> partition :
        BillingEventLog.partition(log, eventPartitions).entrySet()) {
      try (BillingHarness task =
          new BillingHarness(stateDir.resolve("events-" + partition.getKey()))) {
        written.add(task.pipe(partition.getValue()).ledger());
      }
    }
    List<LedgerEntry> arrivals = interleaveLedgers(written, new Random(eventPartitions));
    List<Balance> wallets = new ArrayList<>();
    for (int p = 0; p < walletPartitions; p++) {
      try (BillingHarness tenants = new BillingHarness(stateDir.resolve("wallets-" + p))) {
        TestInputTopic<String, LedgerEntry> ledger = ledgerTopic(tenants);
        for (LedgerEntry entry : arrivals) {
          if (BillingEventLog.partitionOf(entry.getTenantId(), walletPartitions) == p) {
            ledger.pipeInput(entry.getTenantId(), entry, entry.getEventTime());
          }
        }
        wallets.addAll(tenants.tenantWallets());
        wallets.addAll(tenants.sessionTotals());
      }
    }
    List<LedgerLine> ledger = arrivals.stream().map(LedgerCodec::toDomain).toList();
    return LedgerDigest.of(ledger, wallets);
  }

  private static TestInputTopic<String, LedgerEntry> ledgerTopic(BillingHarness task) {
    return task.driver()
        .createInputTopic(
            TOPICS.ledger().name(),
            TOPICS.ledger().keySerde().serializer(),
            TOPICS.ledger().valueSerde().serializer());
  }

  private static List<LedgerEntry> interleaveLedgers(List<List<LedgerEntry>> outputs, Random r) {
    List<LedgerEntry> merged = new ArrayList<>();
    int[] next = new int[outputs.size()];
    int left = outputs.stream().mapToInt(List::size).sum();
    while (left > 0) {
      int q = r.nextInt(outputs.size());
      if (next[q] < outputs.get(q).size()) {
        merged.add(outputs.get(q).get(next[q]++));
        left--;
      }
    }
    return merged;
  }

  private static List<String> ledgerBytes(List<LedgerEntry> ledger) {
    Serializer<LedgerEntry> serializer = TOPICS.ledger().valueSerde().serializer();
    return ledger.stream()
        .sorted(Comparator.comparing(LedgerEntry::getEntryId))
        .map(e -> hex(serializer.serialize(TOPICS.ledger().name(), e)))
        .toList();
  }

  private static List<String> walletBytes(List<Balance> wallets) {
    Serializer<Wallet> serializer = AvroSerdes.of(Wallet.class).serializer();
    return wallets.stream()
        .map(LedgerCodec::toAvro)
        .map(w -> hex(serializer.serialize("wallets", w)))
        .sorted()
        .toList();
  }

  private static String hex(byte[] bytes) {
    return java.util.HexFormat.of().formatHex(bytes);
  }
}
