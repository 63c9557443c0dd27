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

  /** Dedupe key → event time (epoch ms) of the billed event. */
  public static final String SEEN_STORE = "billing-seen";

  /**
   * {@code <event time, 19 digits>|<dedupe key>} → dedupe key: the purge scans it in time order.
   */
  public static final String SEEN_EXPIRY_STORE = "billing-seen-expiry";

  /** Repartition of the ledger stream by tenant id, for the wallets. */
  public static final String BY_TENANT = "ledger-by-tenant";

  public static final String WALLETS_AGGREGATE = "wallets-aggregate";
  public static final String WALLETS_STORE = "billing-wallets";

  /** Repartition of the ledger stream by {@code tenant|session}, for the session totals. */
  public static final String BY_SESSION = "ledger-by-session";

  public static final String SESSION_TOTALS_AGGREGATE = "session-totals-aggregate";
  public static final String SESSION_TOTALS_STORE = "billing-session-totals";

  /** Keeps each entry of the tenant partition in the ledger store (a view; it forwards nothing). */
  public static final String LEDGER_VIEW = "ledger-entries-put";

  /**
   * {@code <tenant>|<event ms, 19 digits>|<entry id>} → LedgerEntry ({@link LedgerKeys}),
   * partitioned by tenant id like {@link #WALLETS_STORE}: the query API's ledger listing.
   */
  public static final String LEDGER_ENTRIES_STORE = "billing-ledger-entries";

  /** {@code <event ms, 19 digits>|<ledger key>} → ledger key: the retention scans it in order. */
  public static final String LEDGER_EXPIRY_STORE = "billing-ledger-expiry";

  private BillingNames() {}
}
