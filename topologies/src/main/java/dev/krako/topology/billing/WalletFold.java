package dev.krako.topology.billing;

import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Wallet;
import dev.krako.billing.Balance;
import dev.krako.billing.LedgerLine;

/**
 * The aggregators of the two wallet tables: each adds one ledger entry to a balance (pure, in
 * {@link Balance#plus}). A table starts without a value for a key (the initializer gives null); the
 * first entry opens the balance.
 */
public final class WalletFold {

  /** Separates tenant and session in the session-totals key; session ids are UUIDs. */
  public static final String KEY_SEPARATOR = "|";

  private WalletFold() {}

  /**
   * The key of a session's total in {@code billing-tenant-session-balances}: {@code
   * tenant|session}.
   */
  public static String sessionKey(String tenantId, String sessionId) {
    return tenantId + KEY_SEPARATOR + sessionId;
  }

  static String sessionKey(LedgerEntry entry) {
    return sessionKey(entry.getTenantId(), entry.getSessionId());
  }

  static Wallet none() {
    return null;
  }

  static Wallet addToTenant(String tenantId, LedgerEntry entry, Wallet wallet) {
    LedgerLine line = LedgerCodec.toDomain(entry);
    Balance before =
        wallet == null
            ? Balance.ofTenant(line.tenantId(), line.currency())
            : LedgerCodec.toDomain(wallet);
    return LedgerCodec.toAvro(before.plus(line));
  }

  static Wallet addToSession(String key, LedgerEntry entry, Wallet wallet) {
    LedgerLine line = LedgerCodec.toDomain(entry);
    Balance before =
        wallet == null
            ? Balance.ofSession(line.tenantId(), line.sessionId(), line.currency())
            : LedgerCodec.toDomain(wallet);
    return LedgerCodec.toAvro(before.plus(line));
  }
}
