package dev.krako.billing;

import java.util.List;

/**
 * Prices a billable event with the price book in force at its event time. Pure: the same event and
 * the same catalog always give the same entry, byte for byte.
 */
public final class Pricer {

  private final PriceBookCatalog catalog;

  public Pricer(PriceBookCatalog catalog) {
    this.catalog = catalog;
  }

  public LedgerLine price(Billable billable) {
    PriceBook book = catalog.at(billable.source().eventTime());
    if (billable instanceof Billable.CpuTime cpu) {
      return line(
          billable,
          book,
          List.of(Charge.of(Meter.CPU_MS, cpu.cpuMs(), book.cpuSecond())),
          LineDetail.cpu(cpu.substrate()));
    }
    Billable.Tokens tokens = (Billable.Tokens) billable;
    TokenRates rates = book.tokenRates(tokens.tier());
    return line(
        billable,
        book,
        List.of(
            Charge.of(Meter.TOKENS_IN, tokens.tokensIn(), rates.input()),
            Charge.of(Meter.TOKENS_OUT, tokens.tokensOut(), rates.output())),
        LineDetail.tokens(tokens.model(), tokens.tier(), book.pricedTier(tokens.tier())));
  }

  private static LedgerLine line(
      Billable billable, PriceBook book, List<Charge> charges, LineDetail detail) {
    Money amount = charges.stream().map(Charge::amount).reduce(Money.ZERO, Money::plus);
    return new LedgerLine(
        billable.entryId(),
        billable.work(),
        billable.lineItem(),
        charges,
        amount,
        book.currency(),
        book.version(),
        billable.source(),
        detail);
  }
}
