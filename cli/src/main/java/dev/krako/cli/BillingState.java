package dev.krako.cli;

import dev.krako.billing.Balance;
import dev.krako.billing.LedgerDigest;
import dev.krako.billing.LedgerLine;
import java.util.List;

/**
 * What billing wrote, as the digest sees it: the ledger entries, and the wallets — every tenant's
 * wallet and every session's total.
 */
record BillingState(List<LedgerLine> entries, List<Balance> wallets) {

  BillingState {
    entries = List.copyOf(entries);
    wallets = List.copyOf(wallets);
  }

  /** The live side: the ledger as read, and the wallets folded from it. */
  static BillingState ofLedger(List<LedgerLine> entries) {
    return new BillingState(entries, LedgerFold.wallets(entries));
  }

  /** {@link LedgerDigest#of}: 64 lower-case hex digits. */
  String digest() {
    return LedgerDigest.of(entries, wallets);
  }

  /** The canonical text the digest is taken over, one line per entry and per wallet. */
  List<String> canonicalLines() {
    return LedgerDigest.canonicalText(entries, wallets).lines().toList();
  }

  long tenants() {
    return wallets.stream().filter(w -> w.sessionId() == null).count();
  }
}
