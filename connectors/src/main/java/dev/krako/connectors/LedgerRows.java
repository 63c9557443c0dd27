package dev.krako.connectors;

import static dev.krako.connectors.LedgerRowSchema.AMOUNT_SCALE;
import static dev.krako.connectors.LedgerRowSchema.PRECISION;
import static dev.krako.connectors.LedgerRowSchema.PRICE_SCALE;

import dev.krako.avro.LedgerEntry;
import dev.krako.avro.MeteredQuantity;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Maps a decoded {@link LedgerEntry} to its {@link LedgerRowSchema} row, or refuses it with a
 * {@link DataException} when the database would have to change or reject a value: money with more
 * places than its column, a quantity of a meter that has no columns (or two of one meter), a NUL
 * character (PostgreSQL text cannot hold one), an event time outside years 1 to 9999. A refused
 * record goes to the connector's dead-letter queue instead of failing the sink's database write,
 * which would stop the export.
 */
final class LedgerRows {

  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999Z");

  private LedgerRows() {}

  static Struct toRow(LedgerEntry e) {
    Struct row =
        new Struct(LedgerRowSchema.SCHEMA)
            .put("entry_id", text("entry_id", e.getEntryId()))
            .put("tenant_id", text("tenant_id", e.getTenantId()))
            .put("graph_id", text("graph_id", e.getGraphId()))
            .put("session_id", text("session_id", e.getSessionId()))
            .put("work_unit_id", text("work_unit_id", e.getWorkUnitId()))
            .put("attempt_index", e.getAttemptIndex())
            .put("line_item", e.getLineItem().name())
            .put("amount", money("amount", e.getAmount()))
            .put("currency", text("currency", e.getCurrency()))
            .put("price_book_version", text("price_book_version", e.getPriceBookVersion()))
            .put("source_event_id", text("source_event_id", e.getSourceEventId()))
            .put("source_event_type", text("source_event_type", e.getSourceEventType()))
            .put("event_time", eventTime(e.getEventTime()))
            .put("substrate", e.getSubstrate() == null ? null : e.getSubstrate().name())
            .put("model", text("model", e.getModel()))
            .put("tier", text("tier", e.getTier()))
            .put("priced_tier", text("priced_tier", e.getPricedTier()));
    Set<String> metered = new HashSet<>();
    for (MeteredQuantity q : e.getQuantities()) {
      String meter = q.getMeter().name();
      if (!LedgerRowSchema.METERS.contains(meter)) {
        throw new DataException("A quantity of meter '" + meter + "' has no columns.");
      }
      if (!metered.add(meter)) {
        throw new DataException("Two quantities of meter '" + meter + "' in one entry.");
      }
      row.put(meter, q.getQuantity())
          .put(
              meter + "_unit_price",
              PlainDecimal.parse(meter + ".unit_price", q.getUnitPrice(), PRICE_SCALE, PRECISION))
          .put(meter + "_per_units", q.getPerUnits())
          .put(meter + "_amount", money(meter + ".amount", q.getAmount()));
    }
    row.validate();
    return row;
  }

  private static Object money(String field, String text) {
    return PlainDecimal.parse(field, text, AMOUNT_SCALE, PRECISION);
  }

  private static String text(String field, String value) {
    if (value != null && value.indexOf('\u0000') >= 0) {
      throw new DataException(field + " contains a NUL character, which PostgreSQL cannot store.");
    }
    return value;
  }

  private static String eventTime(Instant time) {
    if (time.isBefore(FIRST) || time.isAfter(LAST)) {
      throw new DataException("event_time " + time + " is outside years 1 to 9999.");
    }
    return time.toString();
  }
}
