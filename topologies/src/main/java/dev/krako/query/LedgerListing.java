package dev.krako.query;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.krako.avro.LedgerEntry;
import dev.krako.topology.billing.LedgerKeys;

/**
 * One page of a tenant's ledger, read from the partition of {@code billing-ledger-entries} that
 * holds the tenant: a range scan of {@code tenant|from} to {@code tenant|to} in event-time order,
 * resumed after the cursor's key. A page reads at most {@value #SCAN_LIMIT} keys, so a session
 * filter over a long ledger answers in bounded time: such a page may hold fewer than {@code limit}
 * entries, even none, and still carry a {@code next_cursor}. The listing ends when {@code
 * next_cursor} is null.
 */
final class LedgerListing {

  /** Keys read per page at most, whatever the filter keeps. */
  static final int SCAN_LIMIT = 5_000;

  private final QueryableStore<LedgerEntry> ledger;

  LedgerListing(QueryableStore<LedgerEntry> ledger) {
    this.ledger = ledger;
  }

  Reply page(String tenantId, LedgerQuery query, int partition) {
    String lower =
        LedgerKeys.from(tenantId, query.from() == null ? 0 : query.from().toEpochMilli());
    if (query.cursorKey() != null && query.cursorKey().compareTo(lower) > 0) {
      lower = query.cursorKey();
    }
    String upper =
        LedgerKeys.before(
            tenantId, query.to() == null ? Long.MAX_VALUE : query.to().toEpochMilli());
    Page page = new Page(tenantId, query);
    ledger.range(lower, upper, partition, page::visit);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("tenant_id", tenantId);
    body.set("entries", page.entries);
    body.put("next_cursor", page.more ? LedgerQuery.cursorOf(page.lastKey) : null);
    return Reply.ok(body);
  }

  /** Collects one page while the range is read. */
  private static final class Page {

    private final String tenantId;
    private final LedgerQuery query;
    private final ArrayNode entries = JsonNodeFactory.instance.arrayNode();
    private int scanned;
    private String lastKey;
    private boolean more;

    Page(String tenantId, LedgerQuery query) {
      this.tenantId = tenantId;
      this.query = query;
    }

    /** Takes one key of the range; false when the page is done. */
    boolean visit(String key, LedgerEntry entry) {
      if (key.equals(query.cursorKey())) {
        return true; // the last key of the previous page
      }
      if (entries.size() == query.limit() || scanned == SCAN_LIMIT) {
        more = true; // a key is left: the next page starts after lastKey
        return false;
      }
      scanned++;
      lastKey = key;
      // A tenant id with a '|' in it can share a key range with another tenant's: keep only ours.
      if (entry.getTenantId().equals(tenantId)
          && (query.session() == null || query.session().equals(entry.getSessionId()))) {
        entries.add(LedgerEntryView.of(entry));
      }
      return true;
    }
  }
}
