package dev.krako.schemas;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The one factory of Kafka serdes for Krako's Avro records.
 *
 * <p>The wire format is Avro's standard single-object encoding: a two-byte marker, the writer
 * schema's 64-bit fingerprint, then the binary payload. Readers resolve the writer schema through
 * {@link ReleasedSchemas}, so data written by any released version stays readable. A
 * registry-backed format can replace this class without touching its callers.
 */
public final class AvroSerdes {

  /**
   * Avro trusts the lengths a record claims: a poison record that claims a 2 GB string makes the
   * decoder allocate 2 GB. These limits turn such a record into a decoding error. They are read
   * once, when Avro first decodes, so they are set here, before any serde exists; a value set on
   * the command line wins.
   */
  static final String MAX_STRING = "org.apache.avro.limits.string.maxLength";

  static final String MAX_BYTES = "org.apache.avro.limits.bytes.maxLength";
  static final String MAX_ITEMS = "org.apache.avro.limits.collectionItems.maxLength";

  static {
    limitIfUnset(MAX_STRING, 16 * 1024 * 1024);
    limitIfUnset(MAX_BYTES, 16 * 1024 * 1024);
    limitIfUnset(MAX_ITEMS, 1_000_000);
  }

  private AvroSerdes() {}

  private static void limitIfUnset(String property, int limit) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(limit));
    }
  }

  /** A serde for one generated record class; thread-safe, as Kafka requires. */
  public static <T extends SpecificRecord> Serde<T> of(Class<T> type) {
    SpecificData model = SpecificData.getForClass(type);
    org.apache.avro.Schema schema = model.getSchema(type);
    BinaryMessageEncoder<T> encoder = new BinaryMessageEncoder<>(model, schema);
    BinaryMessageDecoder<T> decoder =
        new BinaryMessageDecoder<>(model, schema, ReleasedSchemas.instance());
    return Serdes.serdeFrom(serializer(encoder, type), deserializer(decoder, type));
  }

  private static <T> Serializer<T> serializer(BinaryMessageEncoder<T> encoder, Class<T> type) {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return encoder.encode(value).array();
      } catch (java.io.IOException | AvroRuntimeException e) {
        throw new SerializationException(
            "Could not encode a " + type.getSimpleName() + " for topic " + topic + ".", e);
      }
    };
  }

  private static <T> Deserializer<T> deserializer(BinaryMessageDecoder<T> decoder, Class<T> type) {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return decoder.decode(bytes);
      } catch (java.io.IOException | RuntimeException e) {
        // Any failure to decode makes the record a poison record; callers handle one exception
        // type.
        throw new SerializationException(
            "Could not decode a "
                + type.getSimpleName()
                + " from topic "
                + topic
                + " ("
                + bytes.length
                + " bytes): "
                + e.getMessage(),
            e);
      }
    };
  }
}
