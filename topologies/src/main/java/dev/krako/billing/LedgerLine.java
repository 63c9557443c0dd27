package dev.krako.billing;

import java.util.List;
import java.util.Objects;

/**
 * One entry of the ledger: what was billed, to whom, at which prices, from which event. Its amount
 * is exactly the sum of its charges' amounts (each rounded once), which the constructor checks.
 */
public record LedgerLine(
    String entryId,
    WorkRef work,
    LineItem lineItem,
    List<Charge> charges,
    Money amount,
    String currency,
    String priceBookVersion,
    SourceEvent source,
    LineDetail detail) {

  public LedgerLine {
    Ids.require(entryId, "entry_id");
    Objects.requireNonNull(work, "work");
    Objects.requireNonNull(lineItem, "lineItem");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(priceBookVersion, "priceBookVersion");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(detail, "detail");
    charges = List.copyOf(charges);
    Money sum = charges.stream().map(Charge::amount).reduce(Money.ZERO, Money::plus);
    if (!sum.equals(amount)) {
      throw new IllegalArgumentException(
          "An entry's amount " + amount + " is the sum of its charges, " + sum + ".");
    }
  }

  public String tenantId() {
    return work.tenantId();
  }

  public String sessionId() {
    return work.sessionId();
  }
}
