package dev.krako.topology.billing;

import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.billing.Billable;
import dev.krako.billing.DedupeHorizon;
import dev.krako.billing.LedgerLine;
import dev.krako.billing.Pricer;
import dev.krako.topology.dedupe.DedupeKeys;
import dev.krako.topology.dedupe.RetiredKeys;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Billing's one stateful step: read an event, find what it bills, skip it when that was billed
 * already, price it (pure), remember it, and forward the ledger entry keyed by tenant. The events
 * of a session are in one partition, so the dedupe of its keys has one owner.
 *
 * <p>The dedupe store forgets keys that have left the horizon by itself (ADR 023). A wall-clock
 * punctuator forgets the keys of the retired stores once they have left it, a bounded number per
 * scan, until none is left.
 */
final class MeterProcessor implements Processor<String, Event, String, LedgerEntry> {

  private static final Logger LOG = LoggerFactory.getLogger(MeterProcessor.class);

  private final BillingConfig config;
  private final Pricer pricer;
  private final DedupeHorizon horizon;
  private ProcessorContext<String, LedgerEntry> context;
  private DedupeKeys billed;

  MeterProcessor(BillingConfig config) {
    this.config = config;
    this.pricer = new Pricer(config.priceBooks());
    this.horizon = config.horizon();
  }

  @Override
  public void init(ProcessorContext<String, LedgerEntry> context) {
    this.context = context;
    this.billed =
        new DedupeKeys(
            context.getStateStore(BillingNames.DEDUPE_STORE),
            new RetiredKeys(
                context.getStateStore(BillingNames.RETIRED_SEEN_STORE),
                context.getStateStore(BillingNames.RETIRED_SEEN_EXPIRY_STORE)));
    context.schedule(config.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, this::forgetOldKeys);
  }

  @Override
  public void process(Record<String, Event> record) {
    if (record.value() == null) {
      return;
    }
    Optional<Billable> billable = BillableEvents.of(record.value());
    if (billable.isEmpty()) {
      return;
    }
    Billable b = billable.get();
    if (billed.contains(b.dedupeKey())) {
      LOG.debug(
          "Event {} of session {} unit {} attempt {} bills {}, billed already; not again.",
          b.source().eventId(),
          b.work().sessionId(),
          b.work().workUnitId(),
          b.work().attemptIndex(),
          b.dedupeKey());
      return;
    }
    LedgerLine line = pricer.price(b);
    billed.remember(
        b.dedupeKey(), b.source().eventTime(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
    LOG.debug(
        "Billed {} {} to tenant {} for session {} unit {} attempt {} (entry {}).",
        line.lineItem().wireName(),
        line.amount(),
        line.tenantId(),
        line.sessionId(),
        line.work().workUnitId(),
        line.work().attemptIndex(),
        line.entryId());
    context.forward(
        new Record<>(
            line.tenantId(), LedgerCodec.toAvro(line), b.source().eventTime().toEpochMilli()));
  }

  private void forgetOldKeys(long wallClockMillis) {
    Optional<Instant> newest = billed.newestForRetired();
    if (newest.isEmpty()) {
      return;
    }
    Instant cutoff = horizon.forgetBefore(newest.get(), Instant.ofEpochMilli(wallClockMillis));
    int forgotten = billed.forgetRetiredBefore(cutoff, config.purgeLimit());
    if (forgotten > 0) {
      LOG.info(
          "Forgot {} retired dedupe key(s) of events before {} (task {}).",
          forgotten,
          cutoff,
          context.taskId());
    }
  }
}
