package dev.krako.benchmarks;

import dev.krako.avro.Event;
import dev.krako.avro.LedgerEntry;
import dev.krako.billing.Billable;
import dev.krako.billing.PriceBookCatalog;
import dev.krako.billing.Pricer;
import dev.krako.topology.billing.BillingRecords;
import dev.krako.topology.billing.LedgerCodec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The billing topology's pricing of one event, without its dedupe store: read what a worker's
 * {@code workunit.completed} bills (CPU time), price it with the bundled price book and map the
 * ledger line to its Avro entry.
 */
@State(Scope.Benchmark)
public class LedgerBenchmark extends HotPathSettings {

  private final Pricer pricer = new Pricer(PriceBookCatalog.bundled());
  private Event completion;

  @Setup
  public void prepare() {
    completion = DecisionStep.COMPLETE_FANOUT20_LEAF.prepare().event();
    if (BillingRecords.billableOf(completion).isEmpty()) {
      throw new IllegalStateException("A CPU completion must bill its CPU time.");
    }
  }

  @Benchmark
  public LedgerEntry priceCompletion() {
    Billable billable = BillingRecords.billableOf(completion).orElseThrow();
    return LedgerCodec.toAvro(pricer.price(billable));
  }
}
