package dev.krako.billing;

import static dev.krako.billing.BillingFixtures.PRICER;
import static dev.krako.billing.BillingFixtures.T0;
import static dev.krako.billing.BillingFixtures.cpu;
import static dev.krako.billing.BillingFixtures.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class WalletBalanceTest {

  @Test
  void aWalletAddsUpItsEntriesPerLineItemAndKeepsTheLatestEventTime() {
    Balance wallet =
        Balance.ofTenant("t", "USD")
            .plus(PRICER.price(cpu("t", "s", "a", 1_500, 30)))
            .plus(PRICER.price(tokens("t", "s", "ev", "small", 1_200, 300, 10)))
            .plus(PRICER.price(cpu("t", "s2", "b", 2_500, 20)));

    assertThat(wallet.total()).hasToString("0.000552");
    assertThat(wallet.entryCount()).isEqualTo(3);
    assertThat(wallet.lineItems().keySet())
        .containsExactly(LineItem.WORKUNIT_CPU, LineItem.LLM_TOKENS);
    assertThat(wallet.lineItems().get(LineItem.WORKUNIT_CPU))
        .isEqualTo(new LineTotal(Money.parse("0.000192"), 2));
    assertThat(wallet.lastEventTime()).isEqualTo(T0.plusMillis(30));
  }

  @Test
  void theSameEntriesInAnyOrderGiveTheSameWallet() {
    List<LedgerLine> lines = new ArrayList<>(BillingFixtures.lines());
    lines.removeIf(l -> !l.tenantId().equals("tenant-a"));
    Balance inOrder = fold(lines);
    for (long seed = 0; seed < 20; seed++) {
      Collections.shuffle(lines, new Random(seed));
      assertThat(fold(lines)).isEqualTo(inOrder);
    }
  }

  @Test
  void aSessionTotalTakesOnlyItsSessionsEntriesAndAWalletOnlyItsTenants() {
    Balance session = Balance.ofSession("t", "s", "USD");

    assertThatThrownBy(() -> session.plus(PRICER.price(cpu("t", "other", "a", 1, 0))))
        .hasMessageContaining("another wallet");
    assertThatThrownBy(
            () -> Balance.ofTenant("u", "USD").plus(PRICER.price(cpu("t", "s", "a", 1, 0))))
        .hasMessageContaining("another wallet");
    assertThat(session.plus(PRICER.price(cpu("t", "s", "a", 1_000, 0))).total())
        .hasToString("0.000048");
  }

  @Test
  void aBalanceWhoseTotalIsNotTheSumOfItsLineItemsCannotExist() {
    assertThatThrownBy(
            () ->
                new Balance(
                    "t",
                    null,
                    "USD",
                    Money.parse("1"),
                    1,
                    java.util.Map.of(LineItem.LLM_TOKENS, new LineTotal(Money.parse("0.5"), 1)),
                    T0))
        .hasMessageContaining("sums of its line items");
  }

  private static Balance fold(List<LedgerLine> lines) {
    Balance b = Balance.ofTenant("tenant-a", "USD");
    for (LedgerLine line : lines) {
      b = b.plus(line);
    }
    return b;
  }
}
