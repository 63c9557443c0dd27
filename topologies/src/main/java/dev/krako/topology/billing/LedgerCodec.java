package dev.krako.topology.billing;

import dev.krako.avro.LedgerEntry;
import dev.krako.avro.LineItemTotal;
import dev.krako.avro.MeteredQuantity;
import dev.krako.avro.Wallet;
import dev.krako.billing.Balance;
import dev.krako.billing.Charge;
import dev.krako.billing.LedgerLine;
import dev.krako.billing.LineDetail;
import dev.krako.billing.LineItem;
import dev.krako.billing.LineTotal;
import dev.krako.billing.Meter;
import dev.krako.billing.Money;
import dev.krako.billing.Rate;
import dev.krako.billing.SourceEvent;
import dev.krako.billing.Substrate;
import dev.krako.billing.WorkRef;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Maps ledger entries and wallets between the billing domain and their Avro records. Lossless both
 * ways: money and prices travel as plain decimal strings at their fixed scales.
 */
public final class LedgerCodec {

  private LedgerCodec() {}

  public static LedgerEntry toAvro(LedgerLine line) {
    WorkRef work = line.work();
    LineDetail detail = line.detail();
    return LedgerEntry.newBuilder()
        .setEntryId(line.entryId())
        .setTenantId(work.tenantId())
        .setGraphId(work.graphId())
        .setSessionId(work.sessionId())
        .setWorkUnitId(work.workUnitId())
        .setAttemptIndex(work.attemptIndex())
        .setLineItem(lineItem(line.lineItem()))
        .setQuantities(line.charges().stream().map(LedgerCodec::quantity).toList())
        .setAmount(line.amount().toString())
        .setCurrency(line.currency())
        .setPriceBookVersion(line.priceBookVersion())
        .setSourceEventId(line.source().eventId())
        .setSourceEventType(line.source().eventType())
        .setEventTime(line.source().eventTime())
        .setSubstrate(detail.substrate() == null ? null : substrate(detail.substrate()))
        .setModel(detail.model())
        .setTier(detail.tier())
        .setPricedTier(detail.pricedTier())
        .build();
  }

  public static LedgerLine toDomain(LedgerEntry e) {
    return new LedgerLine(
        e.getEntryId(),
        new WorkRef(
            e.getTenantId(),
            e.getGraphId(),
            e.getSessionId(),
            e.getWorkUnitId(),
            e.getAttemptIndex()),
        lineItem(e.getLineItem()),
        e.getQuantities().stream().map(LedgerCodec::charge).toList(),
        Money.parse(e.getAmount()),
        e.getCurrency(),
        e.getPriceBookVersion(),
        new SourceEvent(e.getSourceEventId(), e.getSourceEventType(), e.getEventTime()),
        new LineDetail(
            e.getSubstrate() == null ? null : substrate(e.getSubstrate()),
            e.getModel(),
            e.getTier(),
            e.getPricedTier()));
  }

  public static Wallet toAvro(Balance b) {
    return Wallet.newBuilder()
        .setTenantId(b.tenantId())
        .setSessionId(b.sessionId())
        .setCurrency(b.currency())
        .setTotal(b.total().toString())
        .setEntryCount(b.entryCount())
        .setLineItems(
            b.lineItems().entrySet().stream()
                .map(
                    item ->
                        new LineItemTotal(
                            lineItem(item.getKey()),
                            item.getValue().amount().toString(),
                            item.getValue().entryCount()))
                .toList())
        .setLastEventTime(b.lastEventTime())
        .build();
  }

  public static Balance toDomain(Wallet w) {
    Map<LineItem, LineTotal> items = new EnumMap<>(LineItem.class);
    for (LineItemTotal item : w.getLineItems()) {
      items.put(
          lineItem(item.getLineItem()),
          new LineTotal(Money.parse(item.getAmount()), item.getEntryCount()));
    }
    return new Balance(
        w.getTenantId(),
        w.getSessionId(),
        w.getCurrency(),
        Money.parse(w.getTotal()),
        w.getEntryCount(),
        items,
        w.getLastEventTime());
  }

  private static MeteredQuantity quantity(Charge c) {
    return new MeteredQuantity(
        dev.krako.avro.Meter.valueOf(c.meter().wireName()),
        c.quantity(),
        c.rate().priceText(),
        c.rate().perUnits(),
        c.amount().toString());
  }

  private static Charge charge(MeteredQuantity q) {
    if (q.getMeter() == dev.krako.avro.Meter.unknown) {
      throw new IllegalArgumentException("A ledger entry with a quantity of an unknown meter.");
    }
    return new Charge(
        Meter.valueOf(q.getMeter().name().toUpperCase(Locale.ROOT)),
        q.getQuantity(),
        Rate.of(q.getUnitPrice(), q.getPerUnits()),
        Money.parse(q.getAmount()));
  }

  static dev.krako.avro.LineItem lineItem(LineItem item) {
    return dev.krako.avro.LineItem.valueOf(item.wireName());
  }

  static LineItem lineItem(dev.krako.avro.LineItem item) {
    if (item == dev.krako.avro.LineItem.unknown) {
      throw new IllegalArgumentException("A ledger entry of an unknown line item.");
    }
    return LineItem.valueOf(item.name().toUpperCase(Locale.ROOT));
  }

  static dev.krako.avro.Substrate substrate(Substrate s) {
    return dev.krako.avro.Substrate.valueOf(s.wireName());
  }

  static Substrate substrate(dev.krako.avro.Substrate s) {
    return Substrate.valueOf(s.name().toUpperCase(Locale.ROOT));
  }
}
