package dev.krako.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.LedgerEntry;
import dev.krako.avro.MeteredQuantity;

/**
 * The JSON of one ledger entry, field for field as in {@code krako.ledger} (docs/billing.md). Money
 * and prices stay plain decimal strings (amounts scale 6, unit prices scale 9), never JSON numbers.
 */
final class LedgerEntryView {

  private LedgerEntryView() {}

  static ObjectNode of(LedgerEntry e) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("entry_id", e.getEntryId());
    node.put("tenant_id", e.getTenantId());
    node.put("graph_id", e.getGraphId());
    node.put("session_id", e.getSessionId());
    node.put("work_unit_id", e.getWorkUnitId());
    node.put("attempt_index", e.getAttemptIndex());
    node.put("line_item", e.getLineItem().name());
    ArrayNode quantities = node.putArray("quantities");
    for (MeteredQuantity q : e.getQuantities()) {
      quantities
          .addObject()
          .put("meter", q.getMeter().name())
          .put("quantity", q.getQuantity())
          .put("unit_price", q.getUnitPrice())
          .put("per_units", q.getPerUnits())
          .put("amount", q.getAmount());
    }
    node.put("amount", e.getAmount());
    node.put("currency", e.getCurrency());
    node.put("price_book_version", e.getPriceBookVersion());
    node.put("source_event_id", e.getSourceEventId());
    node.put("source_event_type", e.getSourceEventType());
    node.put("event_time", e.getEventTime().toString());
    node.put("substrate", e.getSubstrate() == null ? null : e.getSubstrate().name());
    node.put("model", e.getModel());
    node.put("tier", e.getTier());
    node.put("priced_tier", e.getPricedTier());
    return node;
  }
}
