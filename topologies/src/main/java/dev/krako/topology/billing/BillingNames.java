package dev.krako.topology.billing;

/**
 * The names of the billing topology's processors, stores and internal topics. Store and repartition
 * names are a compatibility surface (they name changelog and repartition topics): never rename one
 * without a migration.
 */
public final class BillingNames {

  /** Billing is its own Kafka Streams application: it scales and fails apart from the others. */
  public static final String APPLICATION_ID = "krako-billing";

  public static final String EVENTS_SOURCE = "events-source";
  public static final String METER = "events-meter";
  public static final String LEDGER_SINK = "ledger-sink";

  /**
   * Dedupe key → event time (epoch ms) of the billed event, in a window store whose window start is
   * that time capped at the wall clock: one changelog record per billed key, none when it is
   * forgotten (ADR 023).
   */
  public static final String DEDUPE_STORE = "billing-dedupe";

  /**
   * Dedupe key → event time: the dedupe store before ADR 023, read and drained, never written, for
   * one horizon after an upgrade.
   */
  public static final String RETIRED_SEEN_STORE = "billing-seen";

  /**
   * {@code <event time, 19 digits>|<dedupe key>} → dedupe key: the index of {@link
   * #RETIRED_SEEN_STORE}, by which it is drained in time order.
   */
  public static final String RETIRED_SEEN_EXPIRY_STORE = "billing-seen-expiry";

  /**
   * The ledger topic read back, keyed by tenant id, for the wallets and the ledger view. It
   * replaced the {@code ledger-by-tenant} repartition, which held the same records (ADR 019).
   */
  public static final String LEDGER_SOURCE = "ledger-source";

  public static final String WALLETS_AGGREGATE = "wallets-aggregate";

  /**
   * Tenant id → Wallet. Named anew by ADR 019 (it was {@code billing-wallets}): a store of the old
   * name would be restored from its changelog and then fed the whole ledger again, from the start.
   */
  public static final String WALLETS_STORE = "billing-tenant-wallets";

  /** Folds each ledger entry into its session's balance, in the tenant's partition (ADR 030). */
  public static final String SESSION_TOTALS = "session-totals-put";

  /**
   * {@code tenant|session} → Wallet, partitioned by tenant id like {@link #WALLETS_STORE} (so the
   * query API finds a session's balance by the tenant id). Named anew by ADR 030: {@code
   * billing-session-balances} was partitioned by {@code tenant|session}, behind the repartition
   * {@code ledger-by-tenant-session}, so its changelog partitions hold other keys.
   */
  public static final String SESSION_TOTALS_STORE = "billing-tenant-session-balances";

  /** Keeps each entry of the tenant partition in the ledger store (a view; it forwards nothing). */
  public static final String LEDGER_VIEW = "ledger-entries-put";

  /**
   * {@code <tenant>|<event ms, 19 digits>|<entry id>} → LedgerEntry ({@link LedgerKeys}),
   * partitioned by tenant id like {@link #WALLETS_STORE}: the query API's ledger listing.
   */
  public static final String LEDGER_ENTRIES_STORE = "billing-ledger-entries";

  private BillingNames() {}
}
