package dev.krako.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.LedgerEntry;
import dev.krako.avro.MeteredQuantity;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exported table as the test sees it: its rows read back over JDBC, the rows a ledger must
 * become (written out from the Avro records, independently of the converter), and its DDL, which
 * must be the one connectors/README.md documents.
 */
final class LedgerTable {

  static final String NAME = "krako_ledger";

  private final LocalPostgres postgres;

  LedgerTable(LocalPostgres postgres) {
    this.postgres = postgres;
  }

  /** Every row, ordered by entry id, with event_time read as an instant. */
  List<Map<String, Object>> rows() throws SQLException {
    List<Map<String, Object>> rows = new ArrayList<>();
    try (Connection db = postgres.connect();
        Statement query = db.createStatement();
        ResultSet result = query.executeQuery("SELECT * FROM " + NAME + " ORDER BY entry_id")) {
      ResultSetMetaData columns = result.getMetaData();
      while (result.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int c = 1; c <= columns.getColumnCount(); c++) {
          String name = columns.getColumnName(c);
          row.put(
              name,
              name.equals("event_time")
                  ? result.getObject(c, OffsetDateTime.class).toInstant()
                  : result.getObject(c));
        }
        rows.add(row);
      }
    }
    return rows;
  }

  /** The row each entry must be, written out from the Avro record, independent of the converter. */
  static List<Map<String, Object>> expectedRows(List<LedgerEntry> ledger) {
    return ledger.stream()
        .sorted(Comparator.comparing(LedgerEntry::getEntryId))
        .map(LedgerTable::expectedRow)
        .toList();
  }

  private static Map<String, Object> expectedRow(LedgerEntry e) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("entry_id", e.getEntryId());
    row.put("tenant_id", e.getTenantId());
    row.put("graph_id", e.getGraphId());
    row.put("session_id", e.getSessionId());
    row.put("work_unit_id", e.getWorkUnitId());
    row.put("attempt_index", e.getAttemptIndex());
    row.put("line_item", e.getLineItem().name());
    row.put("amount", new BigDecimal(e.getAmount()).setScale(6));
    row.put("currency", e.getCurrency());
    row.put("price_book_version", e.getPriceBookVersion());
    row.put("source_event_id", e.getSourceEventId());
    row.put("source_event_type", e.getSourceEventType());
    row.put("event_time", e.getEventTime());
    row.put("substrate", e.getSubstrate() == null ? null : e.getSubstrate().name());
    row.put("model", e.getModel());
    row.put("tier", e.getTier());
    row.put("priced_tier", e.getPricedTier());
    for (String meter : List.of("cpu_ms", "tokens_in", "tokens_out")) {
      MeteredQuantity q =
          e.getQuantities().stream()
              .filter(m -> m.getMeter().name().equals(meter))
              .findFirst()
              .orElse(null);
      row.put(meter, q == null ? null : q.getQuantity());
      row.put(
          meter + "_unit_price", q == null ? null : new BigDecimal(q.getUnitPrice()).setScale(9));
      row.put(meter + "_per_units", q == null ? null : q.getPerUnits());
      row.put(meter + "_amount", q == null ? null : new BigDecimal(q.getAmount()).setScale(6));
    }
    return row;
  }

  void assertCreatedAsDocumented() throws SQLException {
    Map<String, String> types = new HashMap<>();
    try (Connection db = postgres.connect();
        Statement query = db.createStatement();
        ResultSet result =
            query.executeQuery(
                "SELECT column_name, data_type, numeric_precision, numeric_scale, is_nullable"
                    + " FROM information_schema.columns WHERE table_name = '"
                    + NAME
                    + "'")) {
      while (result.next()) {
        String type = result.getString(2);
        if (type.equals("numeric")) {
          type += "(" + result.getInt(3) + "," + result.getInt(4) + ")";
        }
        types.put(
            result.getString(1), type + (result.getString(5).equals("NO") ? " not null" : ""));
      }
    }
    Map<String, String> expected = new HashMap<>();
    for (String text :
        List.of(
            "entry_id",
            "tenant_id",
            "session_id",
            "work_unit_id",
            "line_item",
            "currency",
            "price_book_version",
            "source_event_id",
            "source_event_type")) {
      expected.put(text, "text not null");
    }
    for (String optional : List.of("graph_id", "substrate", "model", "tier", "priced_tier")) {
      expected.put(optional, "text");
    }
    expected.put("attempt_index", "integer not null");
    expected.put("amount", "numeric(38,6) not null");
    expected.put("event_time", "timestamp with time zone not null");
    for (String meter : List.of("cpu_ms", "tokens_in", "tokens_out")) {
      expected.put(meter, "bigint");
      expected.put(meter + "_unit_price", "numeric(38,9)");
      expected.put(meter + "_per_units", "bigint");
      expected.put(meter + "_amount", "numeric(38,6)");
    }
    assertThat(types).isEqualTo(expected);
    try (Connection db = postgres.connect();
        ResultSet key = db.getMetaData().getPrimaryKeys(null, null, NAME)) {
      assertThat(key.next()).isTrue();
      assertThat(key.getString("COLUMN_NAME")).isEqualTo("entry_id");
      assertThat(key.next()).isFalse();
    }
  }
}
