package dev.krako.topology.billing;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Substrate;
import dev.krako.billing.PriceBookCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dedupe store forgets, in event time and a bounded number per scan, what left the horizon. */
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
  void keysOlderThanTheHorizonAreForgottenOldestFirstOnePerScanHere() {
    billing.pipe(completions(0, HOUR / 6, 2 * HOUR));
    assertThat(seenKeys()).hasSize(3);

    scan();
    assertThat(seenKeys()).containsExactlyInAnyOrder(key("u-1"), key("u-2"));
    scan();
    assertThat(seenKeys()).containsExactly(key("u-2"));
    scan();
    assertThat(seenKeys()).containsExactly(key("u-2"));
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
    assertThat(seenKeys()).hasSize(2);
  }

  private void scan() {
    billing.driver().advanceWallClockTime(Duration.ofMinutes(1));
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

  private List<String> seenKeys() {
    try (KeyValueIterator<String, Long> it = billing.seenStore().all()) {
      List<String> keys = new java.util.ArrayList<>();
      it.forEachRemaining((KeyValue<String, Long> kv) -> keys.add(kv.key));
      return keys;
    }
  }
}
