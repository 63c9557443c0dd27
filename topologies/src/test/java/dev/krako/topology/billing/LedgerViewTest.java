package dev.krako.topology.billing;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.TopologyTestSupport.TOPICS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Substrate;
import dev.krako.billing.PriceBookCatalog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ledger store {@code billing-ledger-entries}: every entry of the ledger topic, once, under
 * {@code tenant|event time|entry id}, in event-time order per tenant; dropped after its retention
 * without touching the ledger topic or the wallets.
 */
class LedgerViewTest {

  private static final long HOUR = Duration.ofHours(1).toMillis();

  @TempDir Path stateDir;

  @Test
  void theStoreHoldsEveryLedgerEntryOnceUnderTenantTimeAndEntryId() {
    try (BillingHarness billing = new BillingHarness(stateDir)) {
      billing.pipe(BillingScenario.log());
      billing.pipe(BillingScenario.log()); // redelivered: billed once, stored once

      List<LedgerEntry> ledger = billing.ledger();
      List<KeyValue<String, LedgerEntry>> store = billing.ledgerStore();

      assertThat(ledger).hasSize(7);
      assertThat(store).extracting(kv -> kv.value).containsExactlyInAnyOrderElementsOf(ledger);
      for (KeyValue<String, LedgerEntry> kv : store) {
        LedgerEntry e = kv.value;
        assertThat(kv.key)
            .isEqualTo(
                e.getTenantId()
                    + "|"
                    + String.format("%019d", e.getEventTime().toEpochMilli())
                    + "|"
                    + e.getEntryId());
      }
    }
  }

  @Test
  void aTenantsEntriesAreOneRangeInEventTimeOrder() {
    try (BillingHarness billing = new BillingHarness(stateDir)) {
      billing.pipe(BillingScenario.log());

      List<LedgerEntry> tenantA = new ArrayList<>();
      for (KeyValue<String, LedgerEntry> kv : billing.ledgerStore()) {
        if (kv.key.compareTo(LedgerKeys.from("tenant-a", 0)) >= 0
            && kv.key.compareTo(LedgerKeys.before("tenant-a", Long.MAX_VALUE)) < 0) {
          tenantA.add(kv.value);
        }
      }

      assertThat(tenantA)
          .extracting(LedgerEntry::getTenantId)
          .containsOnly(BillingScenario.TENANT_A)
          .hasSize(
              (int)
                  billing.ledger().stream()
                      .filter(e -> e.getTenantId().equals(BillingScenario.TENANT_A))
                      .count());
      assertThat(tenantA).extracting(LedgerEntry::getEventTime).isSorted();
    }
  }

  @Test
  void entriesPastTheRetentionLeaveTheStoreOldestFirstButStayInTheLedgerAndWallet() {
    BillingConfig oneHour = oneHourRetention(1);
    try (BillingHarness billing =
        new BillingHarness(stateDir, oneHour, T0.plus(Duration.ofHours(3)))) {
      billing.pipe(completions(0, HOUR / 6, 2 * HOUR));
      assertThat(units(billing)).containsExactly("u-0", "u-1", "u-2");

      scan(billing);
      assertThat(units(billing)).containsExactly("u-1", "u-2");
      scan(billing);
      assertThat(units(billing)).containsExactly("u-2");
      scan(billing);
      assertThat(units(billing)).containsExactly("u-2");

      assertThat(billing.ledger()).hasSize(3);
      assertThat(billing.wallet("tenant-a").getEntryCount()).isEqualTo(3);
    }
  }

  @Test
  void anEntryStampedInTheFutureDoesNotEmptyTheStore() {
    BillingConfig oneHour = oneHourRetention(100);
    try (BillingHarness billing =
        new BillingHarness(stateDir, oneHour, T0.plus(Duration.ofHours(3)))) {
      billing.pipe(completions(2 * HOUR + HOUR / 2, Duration.ofDays(100).toMillis()));

      scan(billing);

      assertThat(units(billing)).containsExactly("u-0", "u-1");
    }
  }

  @Test
  void eachTenantLosesOnlyItsOwnOldEntriesEvenWhenItsIdExtendsAnothers() {
    BillingConfig oneHour = oneHourRetention(100);
    try (BillingHarness billing =
        new BillingHarness(stateDir, oneHour, T0.plus(Duration.ofHours(3)))) {
      // "tenant-a|0" sorts inside tenant-a's range of keys: its entries are tenant-a|0|<time>|...
      billing.pipe(completions("tenant-a", 0, 2 * HOUR));
      billing.pipe(completions("tenant-a|0", HOUR / 2, 2 * HOUR + 1));
      billing.pipe(completions("tenant-b", HOUR / 3));

      scan(billing);

      assertThat(billing.ledgerStore())
          .extracting(kv -> kv.value.getTenantId() + "/" + kv.value.getWorkUnitId())
          .containsExactlyInAnyOrder("tenant-a/u-1", "tenant-a|0/u-1");
      assertThat(billing.ledger()).hasSize(5);
      assertThat(billing.wallet("tenant-b").getEntryCount()).isEqualTo(1);
    }
  }

  /** A ledger store that keeps an hour, scanned every minute, at most {@code purgeLimit} a scan. */
  private static BillingConfig oneHourRetention(int purgeLimit) {
    return new BillingConfig(
        TOPICS,
        PriceBookCatalog.bundled(),
        Duration.ofDays(7),
        Duration.ofMinutes(1),
        purgeLimit,
        Duration.ofHours(1));
  }

  private static void scan(BillingHarness billing) {
    billing.driver().advanceWallClockTime(Duration.ofMinutes(1));
  }

  private static List<String> units(BillingHarness billing) {
    return billing.ledgerStore().stream().map(kv -> kv.value.getWorkUnitId()).toList();
  }

  /** One CPU completion per time, of units u-0, u-1, … of one session of tenant-a. */
  private static List<Event> completions(long... atMs) {
    return completions("tenant-a", atMs);
  }

  /** One CPU completion per time, of units u-0, u-1, … of one session of the tenant. */
  private static List<Event> completions(String tenant, long... atMs) {
    BillingEventLog log =
        BillingEventLog.session(
            tenant, UUID.nameUUIDFromBytes(tenant.getBytes(StandardCharsets.UTF_8)).toString());
    for (int i = 0; i < atMs.length; i++) {
      log.completed("u-" + i, 0, Substrate.cpu, 1_000, atMs[i]);
    }
    return log.events();
  }
}
