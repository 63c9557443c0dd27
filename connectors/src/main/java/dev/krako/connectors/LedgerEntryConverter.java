package dev.krako.connectors;

import dev.krako.avro.LedgerEntry;
import dev.krako.schemas.AvroSerdes;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * The value converter of the ledger export: it decodes a {@code krako.ledger} record (a {@link
 * LedgerEntry} in Avro single-object encoding, read through {@link AvroSerdes} so every released
 * schema version stays readable) into a {@link LedgerRowSchema} row.
 *
 * <p>A record it cannot decode, or whose values the table cannot hold exactly, fails with a {@link
 * DataException} that names the topic and the reason. Connect then applies the connector's {@code
 * errors.tolerance}: with the settings of connectors/config the record goes, unchanged, to the
 * dead-letter topic and the export goes on (ADR 013). A null value (a tombstone) is passed on as a
 * null value; the ledger has none.
 *
 * <p>Sink only: Krako never produces the ledger through Connect (billing writes it), so converting
 * a row back to bytes is refused rather than offered untested. Values only: the key is the tenant
 * id, a plain string for {@code StringConverter}.
 */
public final class LedgerEntryConverter implements Converter {

  private final Deserializer<LedgerEntry> decoder = AvroSerdes.of(LedgerEntry.class).deserializer();

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (isKey) {
      throw new ConfigException(
          "LedgerEntryConverter converts record values; the ledger's key is the tenant id, use"
              + " org.apache.kafka.connect.storage.StringConverter for it.");
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    LedgerEntry entry;
    try {
      entry = decoder.deserialize(topic, value);
    } catch (SerializationException e) {
      throw new DataException(
          "A record of topic " + topic + " is not a Krako LedgerEntry: " + e.getMessage(), e);
    }
    try {
      return new SchemaAndValue(LedgerRowSchema.SCHEMA, LedgerRows.toRow(entry));
    } catch (DataException e) {
      throw new DataException(
          "Ledger entry "
              + entry.getEntryId()
              + " of topic "
              + topic
              + " cannot be exported exactly: "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    throw new DataException(
        "LedgerEntryConverter only reads krako.ledger for sink connectors; topic "
            + topic
            + " cannot be written through it.");
  }
}
