package dev.krako.topology.billing;

import dev.krako.avro.Event;
import dev.krako.billing.Billable;
import java.util.Optional;

/**
 * The billing topology's reading of an event, opened to the benchmarks: what {@link MeterProcessor}
 * bills for an event of the log. It lives in the billing package, in the benchmarks' jar only,
 * because that reading is package-private there.
 */
public final class BillingRecords {

  private BillingRecords() {}

  /** What the event bills, if anything. */
  public static Optional<Billable> billableOf(Event e) {
    return BillableEvents.of(e);
  }
}
