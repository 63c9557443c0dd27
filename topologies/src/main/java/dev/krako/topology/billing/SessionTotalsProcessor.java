package dev.krako.topology.billing;

import dev.krako.avro.LedgerEntry;
import dev.krako.avro.Wallet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Folds each ledger entry into its session's balance ({@code tenant|session} → Wallet) in the
 * tenant's own partition, where the entry arrives: a session belongs to one tenant, so its entries
 * are all in that partition already, and no repartition by {@code tenant|session} is needed (ADR
 * 030). The store caches, so it writes its changelog once per session per commit, not once per
 * entry. It forwards nothing: the balances are read by the query API, found by the tenant id.
 */
final class SessionTotalsProcessor implements Processor<String, LedgerEntry, Void, Void> {

  private KeyValueStore<String, Wallet> totals;

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.totals = context.getStateStore(BillingNames.SESSION_TOTALS_STORE);
  }

  @Override
  public void process(Record<String, LedgerEntry> record) {
    LedgerEntry entry = record.value();
    if (entry == null) {
      return;
    }
    String key = WalletFold.sessionKey(entry);
    totals.put(key, WalletFold.addToSession(key, entry, totals.get(key)));
  }
}
