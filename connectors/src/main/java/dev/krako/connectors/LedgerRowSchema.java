package dev.krako.connectors;

import java.util.List;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * The Connect schema of one ledger row: one column per field of {@code LedgerEntry}, and the
 * metered quantities spread over four columns per meter ({@code cpu_ms}, {@code tokens_in}, {@code
 * tokens_out}) so the data team queries them without unpacking a list. A JDBC sink creates the
 * table from it (connectors/README.md shows the resulting DDL).
 *
 * <p>Money is a Connect {@link Decimal} with the ledger's scale (amounts 6, unit prices 9) and the
 * {@code connect.decimal.precision} parameter, so a sink creates {@code numeric(38, 6)}, never a
 * float. {@code event_time} is an ISO-8601 instant named {@code io.debezium.time.ZonedTimestamp}:
 * Debezium's sink binds it as an instant with its offset into a {@code timestamptz} column, where a
 * Connect {@code Timestamp} would become a zoneless {@code timestamp}.
 */
public final class LedgerRowSchema {

  /** The name and version of the row schema; a new column is a new version. */
  public static final String NAME = "dev.krako.connect.LedgerRow";

  public static final int VERSION = 1;

  /** Amounts: millionths of a currency unit (docs/billing.md). */
  public static final int AMOUNT_SCALE = 6;

  /** Unit prices: billing's scale 9. */
  public static final int PRICE_SCALE = 9;

  /** 38 digits: the widest exact decimal most warehouses hold, far above any ledger amount. */
  public static final int PRECISION = 38;

  /** The schema name Debezium's JDBC sink maps to {@code timestamp with time zone}. */
  public static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";

  /** The meters that have columns, in the order of the Avro enum. */
  public static final List<String> METERS = List.of("cpu_ms", "tokens_in", "tokens_out");

  public static final Schema AMOUNT = money(AMOUNT_SCALE, false);

  public static final Schema OPTIONAL_AMOUNT = money(AMOUNT_SCALE, true);

  public static final Schema OPTIONAL_PRICE = money(PRICE_SCALE, true);

  public static final Schema EVENT_TIME =
      SchemaBuilder.string().name(ZONED_TIMESTAMP).version(1).build();

  public static final Schema SCHEMA = build();

  private LedgerRowSchema() {}

  private static Schema build() {
    SchemaBuilder row =
        SchemaBuilder.struct()
            .name(NAME)
            .version(VERSION)
            .doc("One entry of the Krako billing ledger (krako.ledger), keyed by entry_id.")
            .field("entry_id", Schema.STRING_SCHEMA)
            .field("tenant_id", Schema.STRING_SCHEMA)
            .field("graph_id", Schema.OPTIONAL_STRING_SCHEMA)
            .field("session_id", Schema.STRING_SCHEMA)
            .field("work_unit_id", Schema.STRING_SCHEMA)
            .field("attempt_index", Schema.INT32_SCHEMA)
            .field("line_item", Schema.STRING_SCHEMA)
            .field("amount", AMOUNT)
            .field("currency", Schema.STRING_SCHEMA)
            .field("price_book_version", Schema.STRING_SCHEMA)
            .field("source_event_id", Schema.STRING_SCHEMA)
            .field("source_event_type", Schema.STRING_SCHEMA)
            .field("event_time", EVENT_TIME)
            .field("substrate", Schema.OPTIONAL_STRING_SCHEMA)
            .field("model", Schema.OPTIONAL_STRING_SCHEMA)
            .field("tier", Schema.OPTIONAL_STRING_SCHEMA)
            .field("priced_tier", Schema.OPTIONAL_STRING_SCHEMA);
    for (String meter : METERS) {
      row.field(meter, Schema.OPTIONAL_INT64_SCHEMA)
          .field(meter + "_unit_price", OPTIONAL_PRICE)
          .field(meter + "_per_units", Schema.OPTIONAL_INT64_SCHEMA)
          .field(meter + "_amount", OPTIONAL_AMOUNT);
    }
    return row.build();
  }

  private static Schema money(int scale, boolean optional) {
    SchemaBuilder decimal =
        Decimal.builder(scale).parameter("connect.decimal.precision", Integer.toString(PRECISION));
    return (optional ? decimal.optional() : decimal).build();
  }
}
