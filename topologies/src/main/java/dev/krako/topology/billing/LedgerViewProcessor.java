package dev.krako.topology.billing;

import dev.krako.avro.LedgerEntry;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each ledger entry of the tenant partition in the {@code billing-ledger-entries} store, for
 * the ledger listing of the query API. It forwards nothing: the ledger topic and the wallets do not
 * depend on it. A wall-clock punctuator drops entries whose event time is more than {@code
 * ledgerRetention} older than the newest entry of the task (capped at the wall clock, so one entry
 * stamped in the future cannot empty the store), a bounded number per scan. It reads the tenant
 * wallets of the same task only for the list of tenants whose entries it holds.
 */
final class LedgerViewProcessor implements Processor<String, LedgerEntry, Void, Void> {

  private static final Logger LOG = LoggerFactory.getLogger(LedgerViewProcessor.class);

  private final BillingConfig config;
  private ProcessorContext<Void, Void> context;
  private LedgerView view;

  LedgerViewProcessor(BillingConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<Void, Void> context) {
    this.context = context;
    this.view =
        new LedgerView(
            context.getStateStore(BillingNames.LEDGER_ENTRIES_STORE),
            context.getStateStore(BillingNames.WALLETS_STORE));
    context.schedule(config.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, this::dropOld);
  }

  @Override
  public void process(Record<String, LedgerEntry> record) {
    if (record.value() != null) {
      view.put(record.value());
    }
  }

  private void dropOld(long wallClockMillis) {
    Optional<Instant> newest = view.newest();
    if (newest.isEmpty()) {
      return;
    }
    Instant now = Instant.ofEpochMilli(wallClockMillis);
    Instant watermark = newest.get().isAfter(now) ? now : newest.get();
    Instant cutoff = watermark.minus(config.ledgerRetention());
    int dropped = view.dropBefore(cutoff, config.purgeLimit());
    if (dropped > 0) {
      LOG.info(
          "Dropped {} ledger entries before {} from the ledger store (task {}); the ledger topic"
              + " keeps them.",
          dropped,
          cutoff,
          context.taskId());
    }
  }
}
