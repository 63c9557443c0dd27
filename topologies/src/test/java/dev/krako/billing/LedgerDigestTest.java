package dev.krako.billing;

import static dev.krako.billing.BillingFixtures.PRICER;
import static dev.krako.billing.BillingFixtures.cpu;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LedgerDigestTest {

  @Test
  void theDigestIsSha256OfTheCanonicalText() throws Exception {
    List<LedgerLine> lines = List.of(PRICER.price(cpu("t", "s", "a", 1_500, 10)));
    List<Balance> wallets = BillingFixtures.wallets(lines);

    String text = LedgerDigest.canonicalText(lines, wallets);
    byte[] sha =
        java.security.MessageDigest.getInstance("SHA-256")
            .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));

    assertThat(LedgerDigest.of(lines, wallets)).isEqualTo(java.util.HexFormat.of().formatHex(sha));
    assertThat(text)
        .isEqualTo(
            "krako-ledger-digest/1\n"
                + "entry 36:"
                + lines.get(0).entryId()
                + " 1:t 7:graph-1 1:s 1:a 0 workunit_cpu 1 cpu_ms 1500 0.000048000 1000 0.000072"
                + " 0.000072 3:USD 2:v1 6:ev-s-a 18:workunit.completed 1767225600010 3:cpu ~ ~ ~\n"
                + "wallet 1:t ~ 3:USD 0.000072 1 1 workunit_cpu 0.000072 1 1767225600010\n"
                + "wallet 1:t 1:s 3:USD 0.000072 1 1 workunit_cpu 0.000072 1 1767225600010\n");
  }

  @Test
  void theOrderOfEntriesAndWalletsDoesNotMatter() {
    List<LedgerLine> lines = new ArrayList<>(BillingFixtures.lines());
    List<Balance> wallets = new ArrayList<>(BillingFixtures.wallets(lines));
    String digest = LedgerDigest.of(lines, wallets);
    for (long seed = 0; seed < 20; seed++) {
      Collections.shuffle(lines, new Random(seed));
      Collections.shuffle(wallets, new Random(seed + 1));
      assertThat(LedgerDigest.of(lines, wallets)).isEqualTo(digest);
    }
  }

  @Test
  void aDoubleBillAMissingEntryOrOneMicroDollarMoreChangesIt() {
    List<LedgerLine> lines = BillingFixtures.lines();
    List<Balance> wallets = BillingFixtures.wallets(lines);
    String digest = LedgerDigest.of(lines, wallets);

    List<LedgerLine> doubled = new ArrayList<>(lines);
    doubled.add(lines.get(0));
    assertThat(LedgerDigest.of(doubled, wallets)).isNotEqualTo(digest);
    assertThat(LedgerDigest.of(lines.subList(1, lines.size()), wallets)).isNotEqualTo(digest);
    List<LedgerLine> dearer = new ArrayList<>(lines);
    dearer.set(5, PRICER.price(cpu("tenant-b", "s-3", "y", 27, 50)));
    assertThat(LedgerDigest.of(dearer, wallets)).isNotEqualTo(digest);
    assertThat(LedgerDigest.of(lines, wallets.subList(1, wallets.size()))).isNotEqualTo(digest);
  }

  @Test
  void noValueCanPassForASeparator() {
    // Without length prefixes, tenant "a b" with graph "c" and tenant "a" with graph "b c" could
    // print alike.
    LedgerLine one = line("a b", "c");
    LedgerLine two = line("a", "b c");

    assertThat(LedgerDigest.of(List.of(one), List.of()))
        .isNotEqualTo(LedgerDigest.of(List.of(two), List.of()));
  }

  @Test
  void stringsSortByCodePointAsInAnyLanguage() {
    // U+FF5E sorts before U+1F600 by code point, after it by Java's UTF-16 order.
    Balance fullwidth = Balance.ofTenant("\uff5e", "USD").plus(tenantLine("\uff5e"));
    Balance emoji = Balance.ofTenant("\ud83d\ude00", "USD").plus(tenantLine("\ud83d\ude00"));

    String text = LedgerDigest.canonicalText(List.of(), List.of(emoji, fullwidth));

    assertThat(text.indexOf("\uff5e")).isLessThan(text.indexOf("\ud83d\ude00"));
  }

  private static LedgerLine tenantLine(String tenant) {
    return PRICER.price(cpu(tenant, "s", "a", 1, 0));
  }

  private static LedgerLine line(String tenant, String graph) {
    LedgerLine base = PRICER.price(cpu(tenant, "s", "u", 1, 0));
    WorkRef work = new WorkRef(tenant, graph, "s", "u", 0);
    return new LedgerLine(
        "e",
        work,
        base.lineItem(),
        base.charges(),
        base.amount(),
        base.currency(),
        base.priceBookVersion(),
        base.source(),
        base.detail());
  }
}
