package dev.krako.topology.billing;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Substrate;
import dev.krako.billing.PriceBookCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dedupe store remembers a key for the horizon after the newest billed event, with one
 * changelog record per key and none when it forgets (ADR 023); the dedupe stores of the layout
 * before it still count until they are drained.
 */
class BillingDedupeHorizonTest {

  private static final String TENANT = "tenant-a";
  private static final String SESSION = "3e21fea5-9c01-3bca-899b-cb07067b8f4c";
  private static final long HOUR = Duration.ofHours(1).toMillis();

  @TempDir Path stateDir;

  private BillingHarness billing;

  @BeforeEach
  void start() {
    BillingConfig oneHour =
        new BillingConfig(
            TOPICS,
            PriceBookCatalog.bundled(),
            Duration.ofHours(1),
            Duration.ofMinutes(1),
            1,
            Duration.ofDays(31));
    billing = new BillingHarness(stateDir, oneHour, T0.plus(Duration.ofHours(3)));
  }

  @AfterEach
  void stop() {
    billing.close();
  }

  @Test
  void aKeyIsRememberedUntilItIsMoreThanTheHorizonOlderThanTheNewestKey() {
    billing.pipe(completions(0, HOUR / 6, HOUR));
    assertThat(billing.dedupeKeys())
        .as("the cutoff itself is kept")
        .containsExactlyInAnyOrder(key("u-0"), key("u-1"), key("u-2"));

    billing.pipe(completions(0, HOUR / 6, HOUR, HOUR + 1).subList(3, 4));

    assertThat(billing.dedupeKeys()).containsExactlyInAnyOrder(key("u-1"), key("u-2"), key("u-3"));
  }

  @Test
  void aDuplicateWithinTheHorizonIsNotBilledAgainWhateverItsTime() {
    BillingEventLog log = BillingEventLog.session(TENANT, SESSION);
    log.completed("u-0", 0, Substrate.cpu, 1_000, 0);
    log.completed("u-0", 1, Substrate.cpu, 2_000, HOUR / 2);
    log.completed("u-1", 0, Substrate.cpu, 1_000, HOUR / 2);
    billing.pipe(log.events()).pipe(log.events());

    assertThat(billing.ledger())
        .extracting(LedgerEntry::getWorkUnitId, LedgerEntry::getAttemptIndex)
        .containsExactly(tuple("u-0", 0), tuple("u-1", 0));
  }

  @Test
  void eachBilledKeyIsOneChangelogRecordAndForgettingItWritesNone() {
    List<Event> log = completions(0, HOUR / 6, HOUR / 2, 2 * HOUR);
    billing.pipe(log.subList(0, 3)).pipe(log.subList(0, 3)).pipe(log.subList(3, 4));
    scan();

    assertThat(billing.ledger()).hasSize(4);
    assertThat(billing.dedupeKeys()).containsExactly(key("u-3"));
    List<TestRecord<byte[], byte[]>> changelog = changelog(BillingNames.DEDUPE_STORE);
    assertThat(changelog).hasSize(4);
    assertThat(changelog).allSatisfy(r -> assertThat(r.value()).isNotNull());
    assertThat(changelog(BillingNames.RETIRED_SEEN_STORE)).isEmpty();
    assertThat(changelog(BillingNames.RETIRED_SEEN_EXPIRY_STORE)).isEmpty();
  }

  @Test
  void aKeyIsKeptAtItsEventTimeCappedAtTheWallClockAndValuedWithItsEventTime() {
    long future = Duration.ofDays(100).toMillis();
    long recent = 2 * HOUR + HOUR / 2;
    billing.pipe(completions(recent, future));

    assertThat(entries(key("u-0"))).containsExactly(List.of(recent, recent));
    assertThat(entries(key("u-1"))).containsExactly(List.of(3 * HOUR, future));
  }

  @Test
  void anEventReplayedAfterItsKeyWasForgottenIsBilledAgainOneWithinTheHorizonIsNot() {
    List<Event> log = completions(0, 2 * HOUR);
    billing.pipe(log);
    scan();

    billing.pipe(log);

    assertThat(billing.ledger())
        .extracting(LedgerEntry::getWorkUnitId)
        .containsExactly("u-0", "u-1", "u-0");
  }

  @Test
  void anEventStampedInTheFutureDoesNotMakeBillingForgetTheRecentPast() {
    // The wall clock is T0+3h: the horizon is measured from it, not from T0+100 days.
    List<Event> log = completions(2 * HOUR + HOUR / 2, Duration.ofDays(100).toMillis());
    billing.pipe(log);
    scan();

    billing.pipe(log.subList(0, 1));

    assertThat(billing.ledger()).hasSize(2);
    assertThat(billing.dedupeKeys()).hasSize(2);
  }

  @Test
  void aKeyBilledBeforeTheUpgradeStaysBilledUntilItLeavesTheHorizonThenItsStoresAreEmpty() {
    // What the layout before ADR 023 left in its stores: u-0 billed at T0.
    long t0 = T0.toEpochMilli();
    billing.retiredSeenStore().put(key("u-0"), t0);
    billing.retiredExpiryStore().put(String.format("%019d|%s", t0, key("u-0")), key("u-0"));
    List<Event> log = completions(0, 2 * HOUR);

    billing.pipe(log.subList(0, 1));
    assertThat(billing.ledger()).as("billed before the upgrade").isEmpty();

    billing.pipe(log.subList(1, 2));
    scan();
    billing.pipe(log.subList(0, 1));

    assertThat(billing.ledger())
        .as("forgotten two hours later, as the old layout forgot it")
        .extracting(LedgerEntry::getWorkUnitId)
        .containsExactly("u-1", "u-0");
    assertThat(billing.retiredSeenStore().get(key("u-0"))).isNull();
    try (var index = billing.retiredExpiryStore().all()) {
      assertThat(index.hasNext()).isFalse();
    }
  }

  private void scan() {
    billing.driver().advanceWallClockTime(Duration.ofMinutes(1));
  }

  /** Each entry of a key as [window start, value], in ms after T0. */
  private List<List<Long>> entries(String key) {
    List<List<Long>> entries = new ArrayList<>();
    try (WindowStoreIterator<Long> it = billing.dedupeStore().fetch(key, 0L, Long.MAX_VALUE)) {
      it.forEachRemaining(
          kv -> entries.add(List.of(kv.key - T0.toEpochMilli(), kv.value - T0.toEpochMilli())));
    }
    return entries;
  }

  private List<TestRecord<byte[], byte[]>> changelog(String store) {
    return billing
        .driver()
        .createOutputTopic(
            BillingHarness.APPLICATION_ID + "-" + store + "-changelog",
            Serdes.ByteArray().deserializer(),
            Serdes.ByteArray().deserializer())
        .readRecordsToList();
  }

  /** One CPU completion per time, of units u-0, u-1, … */
  private static List<Event> completions(long... atMs) {
    BillingEventLog log = BillingEventLog.session(TENANT, SESSION);
    for (int i = 0; i < atMs.length; i++) {
      log.completed("u-" + i, 0, Substrate.cpu, 1_000, atMs[i]);
    }
    return log.events();
  }

  private static String key(String unit) {
    return "cpu|" + SESSION + "|" + unit;
  }
}
