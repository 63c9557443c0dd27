package dev.krako.connectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krako.avro.LedgerEntry;
import dev.krako.avro.LineItem;
import dev.krako.avro.Meter;
import dev.krako.avro.MeteredQuantity;
import dev.krako.avro.Substrate;
import dev.krako.schemas.AvroSerdes;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerEntryConverterTest {

  private static final String TOPIC = "krako.ledger";
  private static final Instant T0 = Instant.parse("2026-11-27T09:00:00.123Z");
  private static final Serializer<LedgerEntry> ENCODER =
      AvroSerdes.of(LedgerEntry.class).serializer();

  private final LedgerEntryConverter converter = new LedgerEntryConverter();

  @BeforeEach
  void configure() {
    converter.configure(Map.of(), false);
  }

  @Test
  void aCpuEntryBecomesARowWithEveryFieldAndExactMoney() {
    Struct row = convert(cpuEntry());

    assertThat(row.schema()).isEqualTo(LedgerRowSchema.SCHEMA);
    assertThat(row.getString("entry_id")).isEqualTo("e-cpu");
    assertThat(row.getString("tenant_id")).isEqualTo("tenant-a");
    assertThat(row.getString("graph_id")).isEqualTo("graph-1");
    assertThat(row.getString("session_id")).isEqualTo("session-1");
    assertThat(row.getString("work_unit_id")).isEqualTo("x");
    assertThat(row.getInt32("attempt_index")).isEqualTo(2);
    assertThat(row.getString("line_item")).isEqualTo("workunit_cpu");
    assertThat(row.get("amount")).isEqualTo(new BigDecimal("0.000059"));
    assertThat(row.getString("currency")).isEqualTo("USD");
    assertThat(row.getString("price_book_version")).isEqualTo("v1");
    assertThat(row.getString("source_event_id")).isEqualTo("ev-1");
    assertThat(row.getString("source_event_type")).isEqualTo("workunit.completed");
    assertThat(row.getString("event_time")).isEqualTo("2026-11-27T09:00:00.123Z");
    assertThat(row.getString("substrate")).isEqualTo("cpu_trusted");
    assertThat(row.getString("model")).isNull();
    assertThat(row.getString("tier")).isNull();
    assertThat(row.getString("priced_tier")).isNull();
    assertThat(row.getInt64("cpu_ms")).isEqualTo(1_234L);
    assertThat(row.get("cpu_ms_unit_price")).isEqualTo(new BigDecimal("0.000048000"));
    assertThat(row.getInt64("cpu_ms_per_units")).isEqualTo(1_000L);
    assertThat(row.get("cpu_ms_amount")).isEqualTo(new BigDecimal("0.000059"));
    for (String meter : List.of("tokens_in", "tokens_out")) {
      assertThat(row.get(meter)).isNull();
      assertThat(row.get(meter + "_unit_price")).isNull();
      assertThat(row.get(meter + "_per_units")).isNull();
      assertThat(row.get(meter + "_amount")).isNull();
    }
  }

  @Test
  void aTokenEntryFillsBothTokenMetersAndItsModelAndNullsTheRest() {
    Struct row = convert(tokenEntry());

    assertThat(row.getString("line_item")).isEqualTo("llm_tokens");
    assertThat(row.getString("graph_id")).isNull();
    assertThat(row.getString("substrate")).isNull();
    assertThat(row.getString("model")).isEqualTo("m-large");
    assertThat(row.getString("tier")).isEqualTo("huge");
    assertThat(row.getString("priced_tier")).isEqualTo("medium");
    assertThat(row.get("amount")).isEqualTo(new BigDecimal("12.000400"));
    assertThat(row.getInt64("tokens_in")).isEqualTo(400L);
    assertThat(row.get("tokens_in_unit_price")).isEqualTo(new BigDecimal("0.001000000"));
    assertThat(row.get("tokens_in_amount")).isEqualTo(new BigDecimal("0.000400"));
    assertThat(row.getInt64("tokens_out")).isEqualTo(3_000_000L);
    assertThat(row.get("tokens_out_amount")).isEqualTo(new BigDecimal("12.000000"));
    assertThat(row.get("cpu_ms")).isNull();
    assertThat(row.get("cpu_ms_amount")).isNull();
  }

  @Test
  void moneyIsADecimalOfTheLedgersScaleThatASinkCreatesAsAnExactNumeric() {
    Schema amount = LedgerRowSchema.SCHEMA.field("amount").schema();
    Schema price = LedgerRowSchema.SCHEMA.field("cpu_ms_unit_price").schema();

    assertThat(amount.name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(amount.parameters())
        .containsEntry(Decimal.SCALE_FIELD, "6")
        .containsEntry("connect.decimal.precision", "38");
    assertThat(price.parameters()).containsEntry(Decimal.SCALE_FIELD, "9");
    assertThat(LedgerRowSchema.SCHEMA.field("event_time").schema().name())
        .isEqualTo("io.debezium.time.ZonedTimestamp");
  }

  @Test
  void aShorterAmountIsWidenedToTheLedgersScaleWithoutChangingIt() {
    Struct row = convert(with(cpuEntry(), e -> e.setAmount("3.5")));

    assertThat(row.get("amount")).isEqualTo(new BigDecimal("3.500000"));
  }

  @Test
  void moneyThatWouldNeedRoundingIsRefused() {
    assertRefused(with(cpuEntry(), e -> e.setAmount("0.0000591")), "more than 6 decimal places");
  }

  @Test
  void moneyThatIsNotAPlainDecimalIsRefused() {
    assertRefused(with(cpuEntry(), e -> e.setAmount("5.9E-5")), "not a plain decimal");
    assertRefused(with(cpuEntry(), e -> e.setAmount("NaN")), "not a plain decimal");
  }

  @Test
  void moneyWiderThanTheColumnIsRefused() {
    assertRefused(with(cpuEntry(), e -> e.setAmount("1" + "0".repeat(32))), "more than 38 digits");
  }

  @Test
  void aUnitPriceWithMoreThanNinePlacesIsRefused() {
    LedgerEntry entry =
        cpuWith(new MeteredQuantity(Meter.cpu_ms, 1_234L, "0.0000480001", 1_000L, "0.000059"));

    assertRefused(entry, "cpu_ms.unit_price has more than 9 decimal places");
  }

  @Test
  void aQuantityOfAMeterWithoutColumnsIsRefused() {
    LedgerEntry entry =
        cpuWith(new MeteredQuantity(Meter.unknown, 1_234L, "0.000048000", 1_000L, "0.000059"));

    assertRefused(entry, "meter 'unknown' has no columns");
  }

  @Test
  void twoQuantitiesOfOneMeterAreRefused() {
    MeteredQuantity cpu = cpuEntry().getQuantities().get(0);
    LedgerEntry entry = cpuWith(cpu, cpu);

    assertRefused(entry, "Two quantities of meter 'cpu_ms'");
  }

  @Test
  void textThatPostgresCannotStoreIsRefused() {
    assertRefused(with(cpuEntry(), e -> e.setModel("m\u0000")), "model contains a NUL");
  }

  @Test
  void anEventTimeOutsideTheTablesRangeIsRefused() {
    assertRefused(
        with(cpuEntry(), e -> e.setEventTime(Instant.parse("+10000-01-01T00:00:00Z"))),
        "outside years 1 to 9999");
  }

  @Test
  void bytesThatAreNotALedgerEntryAreRefusedWithTheTopicAndTheReason() {
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, "not avro".getBytes()))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("A record of topic krako.ledger is not a Krako LedgerEntry")
        .hasMessageContaining("8 bytes");
  }

  @Test
  void aTruncatedLedgerEntryIsRefused() {
    byte[] whole = ENCODER.serialize(TOPIC, cpuEntry());
    byte[] truncated = Arrays.copyOf(whole, whole.length - 5);

    assertThatThrownBy(() -> converter.toConnectData(TOPIC, truncated))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("is not a Krako LedgerEntry");
  }

  @Test
  void aTombstoneStaysANullValue() {
    assertThat(converter.toConnectData(TOPIC, null)).isEqualTo(SchemaAndValue.NULL);
  }

  @Test
  void itIsAValueConverterForSinksOnly() {
    assertThatThrownBy(() -> new LedgerEntryConverter().configure(Map.of(), true))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("StringConverter");
    assertThatThrownBy(() -> converter.fromConnectData(TOPIC, LedgerRowSchema.SCHEMA, null))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("only reads");
  }

  private Struct convert(LedgerEntry entry) {
    SchemaAndValue converted = converter.toConnectData(TOPIC, ENCODER.serialize(TOPIC, entry));
    assertThat(converted.schema()).isEqualTo(LedgerRowSchema.SCHEMA);
    return (Struct) converted.value();
  }

  private void assertRefused(LedgerEntry entry, String reason) {
    byte[] bytes = ENCODER.serialize(TOPIC, entry);
    assertThatThrownBy(() -> converter.toConnectData(TOPIC, bytes))
        .isInstanceOf(DataException.class)
        .hasMessageContaining("Ledger entry " + entry.getEntryId() + " of topic krako.ledger")
        .hasMessageContaining(reason);
  }

  private static LedgerEntry with(LedgerEntry entry, UnaryOperator<LedgerEntry.Builder> change) {
    return change.apply(LedgerEntry.newBuilder(entry)).build();
  }

  private static LedgerEntry cpuWith(MeteredQuantity... quantities) {
    return with(cpuEntry(), e -> e.setQuantities(List.of(quantities)));
  }

  private static LedgerEntry cpuEntry() {
    return LedgerEntry.newBuilder()
        .setEntryId("e-cpu")
        .setTenantId("tenant-a")
        .setGraphId("graph-1")
        .setSessionId("session-1")
        .setWorkUnitId("x")
        .setAttemptIndex(2)
        .setLineItem(LineItem.workunit_cpu)
        .setQuantities(
            List.of(new MeteredQuantity(Meter.cpu_ms, 1_234L, "0.000048000", 1_000L, "0.000059")))
        .setAmount("0.000059")
        .setCurrency("USD")
        .setPriceBookVersion("v1")
        .setSourceEventId("ev-1")
        .setSourceEventType("workunit.completed")
        .setEventTime(T0)
        .setSubstrate(Substrate.cpu_trusted)
        .build();
  }

  private static LedgerEntry tokenEntry() {
    return LedgerEntry.newBuilder(cpuEntry())
        .setEntryId("e-llm")
        .setGraphId(null)
        .setLineItem(LineItem.llm_tokens)
        .setQuantities(
            List.of(
                new MeteredQuantity(Meter.tokens_in, 400L, "0.001000000", 1_000L, "0.000400"),
                new MeteredQuantity(
                    Meter.tokens_out, 3_000_000L, "0.004000000", 1_000L, "12.000000")))
        .setAmount("12.000400")
        .setSourceEventType("llm.invocation.completed")
        .setSubstrate(null)
        .setModel("m-large")
        .setTier("huge")
        .setPricedTier("medium")
        .build();
  }
}
