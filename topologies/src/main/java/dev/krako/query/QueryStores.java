package dev.krako.query;

import dev.krako.avro.LedgerEntry;
import dev.krako.avro.NodeTrust;
import dev.krako.avro.SessionState;
import dev.krako.avro.Wallet;
import dev.krako.topology.billing.BillingNames;
import dev.krako.topology.orchestration.OrchestrationNames;
import dev.krako.topology.trust.TrustNames;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The stores the query API reads, each in the application that owns it: {@code
 * orchestration-sessions} (session id → SessionState) in orchestration; {@code
 * billing-tenant-wallets} (tenant id → Wallet), {@code billing-tenant-session-balances} ({@code
 * tenant|session} → Wallet) and {@code billing-ledger-entries} ({@code tenant|event time|entry id}
 * → LedgerEntry), all three partitioned by tenant id, in billing; {@code trust-nodes} (node id →
 * NodeTrust) in trust.
 */
public final class QueryStores {

  private final QueryableStore<SessionState> sessions;
  private final QueryableStore<Wallet> wallets;
  private final QueryableStore<Wallet> sessionTotals;
  private final QueryableStore<LedgerEntry> ledger;
  private final QueryableStore<NodeTrust> nodes;

  QueryStores(
      QueryableStore<SessionState> sessions,
      QueryableStore<Wallet> wallets,
      QueryableStore<Wallet> sessionTotals,
      QueryableStore<LedgerEntry> ledger,
      QueryableStore<NodeTrust> nodes) {
    this.sessions = sessions;
    this.wallets = wallets;
    this.sessionTotals = sessionTotals;
    this.ledger = ledger;
    this.nodes = nodes;
  }

  /** The stores of the running orchestration, billing and trust applications of this instance. */
  public static QueryStores of(
      KafkaStreams orchestration, KafkaStreams billing, KafkaStreams trust) {
    return new QueryStores(
        new StreamsStore<>(orchestration, OrchestrationNames.SESSIONS_STORE),
        new StreamsStore<>(billing, BillingNames.WALLETS_STORE),
        new StreamsStore<>(billing, BillingNames.SESSION_TOTALS_STORE),
        new StreamsStore<>(billing, BillingNames.LEDGER_ENTRIES_STORE),
        new StreamsStore<>(trust, TrustNames.NODES_STORE));
  }

  QueryableStore<SessionState> sessions() {
    return sessions;
  }

  QueryableStore<Wallet> wallets() {
    return wallets;
  }

  QueryableStore<Wallet> sessionTotals() {
    return sessionTotals;
  }

  QueryableStore<LedgerEntry> ledger() {
    return ledger;
  }

  QueryableStore<NodeTrust> nodes() {
    return nodes;
  }
}
