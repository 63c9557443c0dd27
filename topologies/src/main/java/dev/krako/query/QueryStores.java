package dev.krako.query;

import dev.krako.avro.SessionState;
import dev.krako.avro.Wallet;
import dev.krako.topology.billing.BillingNames;
import dev.krako.topology.orchestration.OrchestrationNames;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The stores the query API reads, each in the application that owns it: {@code
 * orchestration-sessions} (session id → SessionState) in orchestration, {@code billing-wallets}
 * (tenant id → Wallet) and {@code billing-session-totals} ({@code tenant|session} → Wallet) in
 * billing.
 */
public final class QueryStores {

  private final QueryableStore<SessionState> sessions;
  private final QueryableStore<Wallet> wallets;
  private final QueryableStore<Wallet> sessionTotals;

  QueryStores(
      QueryableStore<SessionState> sessions,
      QueryableStore<Wallet> wallets,
      QueryableStore<Wallet> sessionTotals) {
    this.sessions = sessions;
    this.wallets = wallets;
    this.sessionTotals = sessionTotals;
  }

  /** The stores of the running orchestration and billing applications of this instance. */
  public static QueryStores of(KafkaStreams orchestration, KafkaStreams billing) {
    return new QueryStores(
        new StreamsStore<>(orchestration, OrchestrationNames.SESSIONS_STORE),
        new StreamsStore<>(billing, BillingNames.WALLETS_STORE),
        new StreamsStore<>(billing, BillingNames.SESSION_TOTALS_STORE));
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
}
