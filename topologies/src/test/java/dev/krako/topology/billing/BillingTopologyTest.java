package dev.krako.topology.billing;

import static dev.krako.topology.TopologyTestSupport.T0;
import static dev.krako.topology.billing.BillingScenario.S1;
import static dev.krako.topology.billing.BillingScenario.S2;
import static dev.krako.topology.billing.BillingScenario.S3;
import static dev.krako.topology.billing.BillingScenario.TENANT_A;
import static dev.krako.topology.billing.BillingScenario.TENANT_B;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import dev.krako.avro.DeadLetter;
import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.LineItem;
import dev.krako.avro.LineItemTotal;
import dev.krako.avro.Meter;
import dev.krako.avro.MeteredQuantity;
import dev.krako.avro.Substrate;
import dev.krako.avro.Wallet;
import dev.krako.events.EventIds;
import dev.krako.events.EventTypes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BillingTopologyTest {

  @TempDir Path stateDir;

  private BillingHarness billing;

  @BeforeEach
  void start() {
    billing = new BillingHarness(stateDir);
  }

  @AfterEach
  void stop() {
    billing.close();
  }

  @Test
  void aCompletedCpuUnitIsBilledPerCpuSecondWithEveryFieldOfTheEntry() {
    billing.pipe(BillingScenario.session2());

    LedgerEntry entry = billing.ledger().get(0);
    String dedupeKey = "cpu|" + S2 + "|x";
    assertThat(entry.getEntryId())
        .isEqualTo(
            UUID.nameUUIDFromBytes(("ledger\u001f" + dedupeKey).getBytes(StandardCharsets.UTF_8))
                .toString());
    assertThat(entry.getTenantId()).isEqualTo(TENANT_A);
    assertThat(entry.getGraphId()).isEqualTo("graph-of-" + S2);
    assertThat(entry.getSessionId()).isEqualTo(S2);
    assertThat(entry.getWorkUnitId()).isEqualTo("x");
    assertThat(entry.getAttemptIndex()).isZero();
    assertThat(entry.getLineItem()).isEqualTo(LineItem.workunit_cpu);
    // 1,234 ms at 0.000048 a CPU-second is 0.000059232, HALF_EVEN at 6 places.
    assertThat(entry.getQuantities())
        .extracting(
            MeteredQuantity::getMeter,
            MeteredQuantity::getQuantity,
            MeteredQuantity::getUnitPrice,
            MeteredQuantity::getPerUnits,
            MeteredQuantity::getAmount)
        .containsExactly(tuple(Meter.cpu_ms, 1_234L, "0.000048000", 1_000L, "0.000059"));
    assertThat(entry.getAmount()).isEqualTo("0.000059");
    assertThat(entry.getCurrency()).isEqualTo("USD");
    assertThat(entry.getPriceBookVersion()).isEqualTo("v1");
    assertThat(entry.getSourceEventId())
        .isEqualTo(EventIds.eventId(S2, "x", 0, EventTypes.UNIT_COMPLETED));
    assertThat(entry.getSourceEventType()).isEqualTo(EventTypes.UNIT_COMPLETED);
    assertThat(entry.getEventTime()).isEqualTo(T0.plusMillis(15));
    assertThat(entry.getSubstrate()).isEqualTo(Substrate.cpu);
    assertThat(entry.getModel()).isNull();
  }

  @Test
  void aDuplicateReportOfACompletionIsNotBilledAgain() {
    billing.pipe(BillingScenario.session2()).pipe(BillingScenario.session2());

    assertThat(billing.ledger()).hasSize(1);
    assertThat(billing.wallet(TENANT_A).getTotal()).isEqualTo("0.000059");
  }

  @Test
  void aRetriedUnitBillsItsCpuOnceForTheAttemptThatCompletedAndNothingForTheFailedOne() {
    billing.pipe(BillingScenario.session1());

    assertThat(cpuEntries())
        .extracting(
            LedgerEntry::getWorkUnitId, LedgerEntry::getAttemptIndex, LedgerEntry::getAmount)
        .containsExactly(tuple("a", 0, "0.000072"), tuple("b", 1, "0.000120"));
  }

  @Test
  void aLateCompletionOfATimedOutAttemptIsNotBilledAgain() {
    billing.pipe(BillingScenario.session3());

    assertThat(cpuEntries())
        .extracting(
            LedgerEntry::getWorkUnitId, LedgerEntry::getAttemptIndex, LedgerEntry::getAmount)
        .containsExactly(tuple("y", 1, "0.000160"));
  }

  @Test
  void twoInvocationsOfTwoAttemptsBillTwiceAndARedeliveredInvocationOnce() {
    List<Event> log = BillingScenario.session1();
    billing.pipe(log).pipe(log.stream().filter(e -> isType(e, EventTypes.LLM_COMPLETED)).toList());

    List<LedgerEntry> tokens = tokenEntries();
    assertThat(tokens)
        .extracting(
            LedgerEntry::getWorkUnitId,
            LedgerEntry::getAttemptIndex,
            LedgerEntry::getSourceEventId,
            LedgerEntry::getAmount)
        .containsExactly(
            tuple("c", 0, EventIds.eventId(S1, "c", 0, EventTypes.LLM_COMPLETED), "0.000360"),
            tuple(
                "c", 1, EventIds.eventId(S1, "c", 1, EventTypes.LLM_COMPLETED + "#1"), "0.000270"));
    // Both quantities are kept, each with its own price: 1,200 in and 300 out at small's prices.
    assertThat(tokens.get(0).getQuantities())
        .extracting(
            MeteredQuantity::getMeter,
            MeteredQuantity::getQuantity,
            MeteredQuantity::getUnitPrice,
            MeteredQuantity::getAmount)
        .containsExactly(
            tuple(Meter.tokens_in, 1_200L, "0.000150000", "0.000180"),
            tuple(Meter.tokens_out, 300L, "0.000600000", "0.000180"));
    assertThat(tokens.get(0).getTier()).isEqualTo("small");
    assertThat(tokens.get(0).getPricedTier()).isEqualTo("small");
    assertThat(tokens.get(0).getModel()).isEqualTo("model-small");
  }

  @Test
  void failedInvocationsFailedAttemptsAndAPodsUnitCompletionBillNothing() {
    billing.pipe(BillingScenario.session1());

    assertThat(billing.ledger())
        .extracting(LedgerEntry::getSourceEventType)
        .doesNotContain(EventTypes.LLM_FAILED, EventTypes.UNIT_FAILED);
    assertThat(cpuEntries()).extracting(LedgerEntry::getWorkUnitId).doesNotContain("c");
  }

  @Test
  void anUnknownTierIsPricedAtThePriceBooksDefaultTier() {
    billing.pipe(BillingScenario.session3());

    LedgerEntry z = tokenEntries().get(0);
    assertThat(z.getTier()).isEqualTo("xlarge");
    assertThat(z.getPricedTier()).isEqualTo("medium");
    // 2,500 in at 0.001 and 750 out at 0.004 per 1,000 tokens.
    assertThat(z.getAmount()).isEqualTo("0.005500");
  }

  @Test
  void walletsAndSessionTotalsAddUpTheLedger() {
    billing.pipe(BillingScenario.log());

    assertThat(billing.ledger()).hasSize(7);
    Wallet a = billing.wallet(TENANT_A);
    assertThat(a.getTotal()).isEqualTo("0.000881");
    assertThat(a.getEntryCount()).isEqualTo(5);
    assertThat(a.getSessionId()).isNull();
    assertThat(a.getLineItems())
        .extracting(
            LineItemTotal::getLineItem, LineItemTotal::getAmount, LineItemTotal::getEntryCount)
        .containsExactly(
            tuple(LineItem.workunit_cpu, "0.000251", 3L),
            tuple(LineItem.llm_tokens, "0.000630", 2L));
    assertThat(a.getLastEventTime()).isEqualTo(T0.plusMillis(50));
    assertThat(billing.wallet(TENANT_B).getTotal()).isEqualTo("0.005660");
    assertThat(billing.sessionTotal(TENANT_A, S1).getTotal()).isEqualTo("0.000822");
    assertThat(billing.sessionTotal(TENANT_A, S1).getEntryCount()).isEqualTo(4);
    assertThat(billing.sessionTotal(TENANT_A, S2).getTotal()).isEqualTo("0.000059");
    assertThat(billing.sessionTotal(TENANT_B, S3).getTotal()).isEqualTo("0.005660");
    assertThat(billing.sessionTotal(TENANT_B, S3).getSessionId()).isEqualTo(S3);
  }

  @Test
  void aPoisonRecordGoesToTheDeadLetterTopicAndBillingGoesOn() {
    // The test driver's mock producer drops what a deserialization handler sends inside a
    // transaction before the driver commits it (it clears uncommitted sends when it captures
    // output); a real exactly-once producer commits it with the task. So this one test runs
    // at_least_once: what it checks, the handler's routing, does not depend on the guarantee.
    billing.close();
    billing =
        new BillingHarness(
            stateDir.resolve("alo"),
            BillingConfig.defaults(dev.krako.topology.TopologyTestSupport.TOPICS),
            T0,
            java.util.Map.of(
                StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
    billing.pipeRaw(S2, "not an avro record".getBytes(StandardCharsets.UTF_8));
    billing.pipe(BillingScenario.session2());

    List<DeadLetter> letters = billing.deadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getSourceTopic()).isEqualTo("krako.events");
    assertThat(letters.get(0).getSourceOffset()).isZero();
    assertThat(letters.get(0).getComponent()).isEqualTo(BillingHarness.APPLICATION_ID);
    assertThat(billing.ledger()).hasSize(1);
  }

  @Test
  void aBillableEventThatCannotBeBilledGoesToTheDeadLetterTopicAndBillingGoesOn() {
    Event noTenant = Event.newBuilder(BillingScenario.session2().get(1)).setTenantId(null).build();
    billing.pipe(List.of(noTenant)).pipe(BillingScenario.session2());

    List<DeadLetter> letters = billing.deadLetters();
    assertThat(letters).hasSize(1);
    assertThat(letters.get(0).getErrorClass()).endsWith("UnbillableEventException");
    assertThat(letters.get(0).getErrorMessage()).contains("tenant_id");
    // The event that could not be billed was not remembered: its good copy bills.
    assertThat(billing.ledger()).hasSize(1);
  }

  private List<LedgerEntry> cpuEntries() {
    return billing.ledger().stream().filter(e -> e.getLineItem() == LineItem.workunit_cpu).toList();
  }

  private List<LedgerEntry> tokenEntries() {
    return billing.ledger().stream().filter(e -> e.getLineItem() == LineItem.llm_tokens).toList();
  }

  private static boolean isType(Event e, String type) {
    return e.getEventType().equals(type);
  }
}
