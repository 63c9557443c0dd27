package dev.krako.topology.billing;

/**
 * The keys of the {@code billing-ledger-entries} store: {@code <tenant>|<event ms, 19
 * digits>|<entry id>}, so one tenant's entries are one range of keys in event-time order (then
 * entry id). The store is partitioned by tenant id alone (it reads {@code krako.ledger}, keyed by
 * tenant id), so the instance that owns a tenant's entries is found by asking for the tenant id,
 * not for one of these keys.
 *
 * <p>A tenant id may itself contain {@code |}: a range of tenant {@code a} can then hold entries of
 * tenant {@code a|b}, so a reader keeps only the entries whose {@code tenant_id} is the one asked
 * for.
 */
public final class LedgerKeys {

  private static final String SEP = "|";

  private LedgerKeys() {}

  public static String of(String tenantId, long eventMillis, String entryId) {
    return tenantId + SEP + time(eventMillis) + SEP + entryId;
  }

  /**
   * The lowest key of a tenant's entries at or after {@code fromMillis}: every key of that time or
   * later sorts above it, every earlier one below.
   */
  public static String from(String tenantId, long fromMillis) {
    return tenantId + SEP + time(fromMillis);
  }

  /**
   * The bound below which a tenant's entries are older than {@code toMillis}: every key of an
   * earlier time sorts below it, every key of that time or later above (so {@code to} is
   * exclusive).
   */
  public static String before(String tenantId, long toMillis) {
    return tenantId + SEP + time(toMillis);
  }

  /** Fixed width, clamped at the epoch (no event is older than 1970), so string order is time. */
  static String time(long epochMillis) {
    return String.format("%019d", Math.max(0, epochMillis));
  }
}
