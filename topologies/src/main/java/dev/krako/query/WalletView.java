package dev.krako.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.LineItemTotal;
import dev.krako.avro.Wallet;

/**
 * The JSON of a tenant's wallet or of one session's total, as billing folded it from the ledger.
 * Money stays a plain decimal string (scale 6), never a JSON number that a client would round.
 */
final class WalletView {

  private WalletView() {}

  static ObjectNode of(Wallet w) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("tenant_id", w.getTenantId());
    if (w.getSessionId() != null) {
      node.put("session_id", w.getSessionId());
    }
    node.put("currency", w.getCurrency());
    node.put("total", w.getTotal());
    node.put("entry_count", w.getEntryCount());
    ArrayNode items = node.putArray("line_items");
    for (LineItemTotal item : w.getLineItems()) {
      items
          .addObject()
          .put("line_item", item.getLineItem().name())
          .put("amount", item.getAmount())
          .put("entry_count", item.getEntryCount());
    }
    node.put("last_event_time", w.getLastEventTime().toString());
    return node;
  }
}
