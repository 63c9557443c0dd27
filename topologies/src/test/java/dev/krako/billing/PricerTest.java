package dev.krako.billing;

import static dev.krako.billing.BillingFixtures.PRICER;
import static dev.krako.billing.BillingFixtures.T0;
import static dev.krako.billing.BillingFixtures.cpu;
import static dev.krako.billing.BillingFixtures.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PricerTest {

  @Test
  void cpuTimeIsPricedPerCpuSecondAndCarriesItsSubstrate() {
    LedgerLine line = PRICER.price(cpu("t", "s", "a", 2_500, 7));

    assertThat(line.lineItem()).isEqualTo(LineItem.WORKUNIT_CPU);
    assertThat(line.charges())
        .extracting(c -> c.meter(), c -> c.quantity(), c -> c.amount().toString())
        .containsExactly(tuple(Meter.CPU_MS, 2_500L, "0.000120"));
    assertThat(line.amount()).hasToString("0.000120");
    assertThat(line.priceBookVersion()).isEqualTo("v1");
    assertThat(line.currency()).isEqualTo("USD");
    assertThat(line.source().eventTime()).isEqualTo(T0.plusMillis(7));
    assertThat(line.detail()).isEqualTo(LineDetail.cpu(Substrate.CPU));
  }

  @Test
  void tokensAreTwoChargesWhoseAmountsAddUpToTheEntry() {
    LedgerLine line = PRICER.price(tokens("t", "s", "ev-1", "large", 1_001, 333, 0));

    // 1,001 in at 0.005 = 0.005005; 333 out at 0.015 = 0.004995.
    assertThat(line.charges())
        .extracting(c -> c.meter(), c -> c.quantity(), c -> c.amount().toString())
        .containsExactly(
            tuple(Meter.TOKENS_IN, 1_001L, "0.005005"), tuple(Meter.TOKENS_OUT, 333L, "0.004995"));
    assertThat(line.amount()).hasToString("0.010000");
    assertThat(line.detail()).isEqualTo(LineDetail.tokens("model-x", "large", "large"));
  }

  @Test
  void anUnknownOrMissingTierIsPricedAtTheDefaultTierAndSaysSo() {
    assertThat(PRICER.price(tokens("t", "s", "ev-1", "xlarge", 1_000, 0, 0)).detail().pricedTier())
        .isEqualTo("medium");
    assertThat(PRICER.price(tokens("t", "s", "ev-1", null, 1_000, 0, 0)).amount())
        .hasToString("0.001000");
    // Tiers are the contract's lower-case names: anything else is unknown.
    assertThat(PRICER.price(tokens("t", "s", "ev-1", "Small", 1_000, 0, 0)).detail().pricedTier())
        .isEqualTo("medium");
  }

  @Test
  void theDedupeKeyIsTheSessionAndUnitForCpuAndTheEventForTokensAndTheEntryIdDerivesFromIt() {
    Billable cpu = cpu("t", "s-1", "a|b", 1, 0);
    Billable llm = tokens("t", "s-1", "ev-9", "small", 1, 1, 0);

    assertThat(cpu.dedupeKey()).isEqualTo("cpu|s-1|a|b");
    assertThat(llm.dedupeKey()).isEqualTo("llm|ev-9");
    assertThat(PRICER.price(cpu).entryId())
        .isEqualTo(
            UUID.nameUUIDFromBytes("ledger\u001fcpu|s-1|a|b".getBytes(StandardCharsets.UTF_8))
                .toString());
  }

  @Test
  void whatCannotBeBilledSaysWhy() {
    assertThatThrownBy(() -> cpu(null, "s", "a", 1, 0))
        .isInstanceOf(UnbillableEventException.class)
        .hasMessageContaining("tenant_id");
    assertThatThrownBy(() -> cpu("t", " ", "a", 1, 0)).hasMessageContaining("session_id");
    assertThatThrownBy(() -> cpu("t", "s", "a", -1, 0))
        .isInstanceOf(UnbillableEventException.class)
        .hasMessageContaining("cpu_ms");
    assertThatThrownBy(() -> tokens("t", "s", "e", "small", 0, -5, 0))
        .hasMessageContaining("tokens_out");
    assertThatThrownBy(
            () ->
                new Billable.CpuTime(
                    new SourceEvent("e", "workunit.completed", T0),
                    new WorkRef("t", null, "s", "u", 0),
                    Substrate.LLM_POD,
                    1))
        .hasMessageContaining("does not bill CPU time");
  }

  @Test
  void aLineWhoseAmountIsNotTheSumOfItsChargesCannotExist() {
    LedgerLine line = PRICER.price(cpu("t", "s", "a", 2_500, 7));

    assertThatThrownBy(
            () ->
                new LedgerLine(
                    line.entryId(),
                    line.work(),
                    line.lineItem(),
                    line.charges(),
                    Money.parse("0.000121"),
                    line.currency(),
                    line.priceBookVersion(),
                    line.source(),
                    line.detail()))
        .hasMessageContaining("sum of its charges");
  }
}
