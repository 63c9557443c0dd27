package dev.krako.billing;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * A wallet: the running total of a tenant's ledger entries (session null), or of one session's. It
 * is a fold of the ledger with sums and a maximum only, so the same entries give the same balance
 * in any order and however they are split across partitions.
 *
 * @param lineItems the total of each line item that has entries, in {@link LineItem} order
 * @param lastEventTime the latest event time of the entries folded in; null while there are none
 */
public record Balance(
    String tenantId,
    String sessionId,
    String currency,
    Money total,
    long entryCount,
    Map<LineItem, LineTotal> lineItems,
    Instant lastEventTime) {

  public Balance {
    Ids.require(tenantId, "tenant_id");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(total, "total");
    EnumMap<LineItem, LineTotal> items = new EnumMap<>(LineItem.class);
    items.putAll(lineItems);
    lineItems = Collections.unmodifiableMap(items);
    Money sum = items.values().stream().map(LineTotal::amount).reduce(Money.ZERO, Money::plus);
    long count = items.values().stream().mapToLong(LineTotal::entryCount).sum();
    if (!sum.equals(total) || count != entryCount) {
      throw new IllegalArgumentException(
          "A balance's total and entry count are the sums of its line items.");
    }
  }

  /** A tenant's wallet before its first entry. */
  public static Balance ofTenant(String tenantId, String currency) {
    return new Balance(tenantId, null, currency, Money.ZERO, 0, Map.of(), null);
  }

  /** One session's total before its first entry. */
  public static Balance ofSession(String tenantId, String sessionId, String currency) {
    Ids.require(sessionId, "session_id");
    return new Balance(tenantId, sessionId, currency, Money.ZERO, 0, Map.of(), null);
  }

  /** This balance with one more entry, which must belong to it. */
  public Balance plus(LedgerLine line) {
    if (!tenantId.equals(line.tenantId())
        || (sessionId != null && !sessionId.equals(line.sessionId()))) {
      throw new IllegalArgumentException(
          "The entry " + line.entryId() + " belongs to another wallet.");
    }
    if (!currency.equals(line.currency())) {
      throw new IllegalArgumentException(
          "The entry " + line.entryId() + " is in " + line.currency() + ", not " + currency);
    }
    EnumMap<LineItem, LineTotal> items = new EnumMap<>(LineItem.class);
    items.putAll(lineItems);
    items.merge(
        line.lineItem(), LineTotal.NONE.plus(line.amount()), (a, b) -> a.plus(line.amount()));
    Instant eventTime = line.source().eventTime();
    Instant last =
        lastEventTime == null || eventTime.isAfter(lastEventTime) ? eventTime : lastEventTime;
    return new Balance(
        tenantId, sessionId, currency, total.plus(line.amount()), entryCount + 1, items, last);
  }
}
