package dev.krako.connectors;

import dev.krako.avro.LedgerEntry;
import dev.krako.billing.Billable;
import dev.krako.billing.PriceBookCatalog;
import dev.krako.billing.Pricer;
import dev.krako.billing.SourceEvent;
import dev.krako.billing.Substrate;
import dev.krako.billing.WorkRef;
import dev.krako.topology.billing.LedgerCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A ledger priced by billing's own code ({@link Pricer} with the bundled price books, {@link
 * LedgerCodec} to Avro), as the billing topology writes it: CPU entries on both CPU pools and token
 * entries of every tier (and of one the price book does not know), with and without a graph id,
 * with amounts from zero to whole dollars.
 */
final class LedgerFixture {

  private static final Instant T0 = Instant.parse("2026-11-27T09:00:00.123Z");
  private static final List<String> TENANTS = List.of("tenant-a", "tenant-b", "tenant-c");
  private static final List<String> TIERS = List.of("small", "medium", "large", "experimental");

  private LedgerFixture() {}

  /** {@code sessions} sessions per tenant, numbered from {@code firstSession}, 4 entries each. */
  static List<LedgerEntry> entries(int firstSession, int sessions) {
    Pricer pricer = new Pricer(PriceBookCatalog.bundled());
    List<LedgerEntry> ledger = new ArrayList<>();
    for (int s = firstSession; s < firstSession + sessions; s++) {
      for (int t = 0; t < TENANTS.size(); t++) {
        String session = "session-" + t + "-" + s;
        String graph = s % 3 == 0 ? null : "graph-" + s;
        Instant at = T0.plusSeconds(60L * s + t);
        for (int unit = 0; unit < 2; unit++) {
          WorkRef work = new WorkRef(TENANTS.get(t), graph, session, "cpu-" + unit, unit);
          Substrate pool = unit == 0 ? Substrate.CPU : Substrate.CPU_TRUSTED;
          long cpuMs = unit == 0 ? 0 : 1_234L * s + 7;
          ledger.add(
              bill(pricer, new Billable.CpuTime(source(session, unit, at), work, pool, cpuMs)));
        }
        for (int call = 0; call < 2; call++) {
          WorkRef work = new WorkRef(TENANTS.get(t), graph, session, "llm", 0);
          String tier = TIERS.get((s + call) % TIERS.size());
          SourceEvent source =
              new SourceEvent(
                  session + "/llm#" + call, "llm.invocation.completed", at.plusMillis(call));
          long tokensIn = 1_000L * s + 17 * call;
          long tokensOut = 250_000L * call + 3 * s;
          ledger.add(
              bill(
                  pricer,
                  new Billable.Tokens(source, work, "model-" + tier, tier, tokensIn, tokensOut)));
        }
      }
    }
    return ledger;
  }

  private static SourceEvent source(String session, int unit, Instant at) {
    return new SourceEvent(
        session + "/cpu-" + unit + "/completed", "workunit.completed", at.plusMillis(unit));
  }

  private static LedgerEntry bill(Pricer pricer, Billable billable) {
    return LedgerCodec.toAvro(pricer.price(billable));
  }
}
