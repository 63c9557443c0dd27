package dev.krako.billing;

import java.time.Instant;
import java.util.List;

/** Ledger lines and price books for the domain tests. */
final class BillingFixtures {

  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final PriceBookCatalog CATALOG = PriceBookCatalog.bundled();
  static final Pricer PRICER = new Pricer(CATALOG);

  private BillingFixtures() {}

  static Billable.CpuTime cpu(String tenant, String session, String unit, long cpuMs, long atMs) {
    return new Billable.CpuTime(
        new SourceEvent("ev-" + session + "-" + unit, "workunit.completed", T0.plusMillis(atMs)),
        new WorkRef(tenant, "graph-1", session, unit, 0),
        Substrate.CPU,
        cpuMs);
  }

  static Billable.Tokens tokens(
      String tenant, String session, String eventId, String tier, long in, long out, long atMs) {
    return new Billable.Tokens(
        new SourceEvent(eventId, "llm.invocation.completed", T0.plusMillis(atMs)),
        new WorkRef(tenant, "graph-1", session, "unit-llm", 0),
        "model-x",
        tier,
        in,
        out);
  }

  /** A few priced lines over two tenants and three sessions. */
  static List<LedgerLine> lines() {
    return List.of(
        PRICER.price(cpu("tenant-a", "s-1", "a", 1_500, 10)),
        PRICER.price(cpu("tenant-a", "s-1", "b", 2_501, 20)),
        PRICER.price(tokens("tenant-a", "s-1", "ev-llm-1", "small", 1_200, 300, 30)),
        PRICER.price(cpu("tenant-a", "s-2", "x", 1_234, 15)),
        PRICER.price(tokens("tenant-b", "s-3", "ev-llm-2", "large", 10_000, 2_000, 40)),
        PRICER.price(cpu("tenant-b", "s-3", "y", 7, 50)));
  }

  /** The tenant wallets and session totals of these lines, folded in this order. */
  static List<Balance> wallets(List<LedgerLine> lines) {
    java.util.Map<String, Balance> byKey = new java.util.TreeMap<>();
    for (LedgerLine line : lines) {
      byKey.merge(
          line.tenantId(),
          Balance.ofTenant(line.tenantId(), line.currency()).plus(line),
          (old, ignored) -> old.plus(line));
      byKey.merge(
          line.tenantId() + "|" + line.sessionId(),
          Balance.ofSession(line.tenantId(), line.sessionId(), line.currency()).plus(line),
          (old, ignored) -> old.plus(line));
    }
    return List.copyOf(byKey.values());
  }
}
