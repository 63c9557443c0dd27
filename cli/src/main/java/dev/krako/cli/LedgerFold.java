package dev.krako.cli;

import dev.krako.billing.Balance;
import dev.krako.billing.LedgerLine;
import dev.krako.topology.billing.WalletFold;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Folds ledger entries into the wallets the billing topology keeps: one per tenant, one per session
 * (keyed as in {@code billing-tenant-session-balances}). The same fold as {@code WalletFold}'s
 * aggregators — {@link Balance#plus} from an empty balance — without the Avro round trip, which is
 * lossless. A fold of sums and one maximum: the order of the entries does not matter. Pure.
 */
final class LedgerFold {

  private LedgerFold() {}

  static List<Balance> wallets(Collection<LedgerLine> entries) {
    Map<String, Balance> tenants = new TreeMap<>();
    Map<String, Balance> sessions = new TreeMap<>();
    for (LedgerLine line : entries) {
      tenants.compute(
          line.tenantId(),
          (tenant, wallet) ->
              (wallet == null ? Balance.ofTenant(tenant, line.currency()) : wallet).plus(line));
      sessions.compute(
          WalletFold.sessionKey(line.tenantId(), line.sessionId()),
          (key, total) ->
              (total == null
                      ? Balance.ofSession(line.tenantId(), line.sessionId(), line.currency())
                      : total)
                  .plus(line));
    }
    List<Balance> wallets = new ArrayList<>(tenants.values());
    wallets.addAll(sessions.values());
    return wallets;
  }
}
