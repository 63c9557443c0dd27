package dev.krako.schemas;

import dev.krako.avro.Event;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Reads {@code krako.events} for a reader that needs only some event types (billing, trust,
 * capacity): it looks at an event's type before decoding the rest, decodes the events of its types
 * as {@link AvroSerdes} does, and gives null for every other event, which the reader skips.
 *
 * <p>The type is the second field of every released version of {@link Event}, after the event id:
 * reading it costs two strings instead of the whole record and its payload: 0.11 instead of 1.46 µs
 * for a completion event (docs/performance-jmh.md; session 9's profile had billing spend 15.8 % of
 * its thread decoding events it then ignored).
 *
 * <p>Whatever it cannot read that far — no single-object marker, a fingerprint of no released
 * {@code Event}, a first or second field cut short or of an impossible length — it hands to the
 * full decoder, which fails on it exactly as before: the reader dead-letters the record. So a
 * damaged record is still dead-lettered by every reader of the topic; one that is damaged only past
 * its type is dead-lettered by the readers of that type (docs/reliability.md).
 */
public final class EventsOfTypes implements Deserializer<Event> {

  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;
  private static final int HEADER = 10; // the marker and the 8-byte fingerprint

  private final Set<String> types;
  private final Set<Long> fingerprints;
  private final Deserializer<Event> full = AvroSerdes.of(Event.class).deserializer();

  private EventsOfTypes(Set<String> types) {
    this.types = Set.copyOf(types);
    this.fingerprints =
        Stream.concat(
                Stream.of(Event.getClassSchema()),
                ReleasedSchemas.instance()
                    .versionsOf(Event.getClassSchema().getFullName())
                    .stream())
            .map(ReleasedSchemas::fingerprint)
            .collect(Collectors.toUnmodifiableSet());
  }

  /** A deserializer that decodes the events of these types and gives null for the others. */
  public static EventsOfTypes of(Set<String> types) {
    return new EventsOfTypes(types);
  }

  /** The serde of {@code krako.events} for a reader of these types: it writes every event. */
  public static Serde<Event> serde(Set<String> types) {
    return Serdes.serdeFrom(AvroSerdes.of(Event.class).serializer(), of(types));
  }

  @Override
  public Event deserialize(String topic, byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    String type = peekType(bytes);
    if (type != null && !types.contains(type)) {
      return null;
    }
    return full.deserialize(topic, bytes);
  }

  /** The event's type, or null when the record cannot be read that far. */
  String peekType(byte[] bytes) {
    if (bytes.length < HEADER || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
      return null;
    }
    if (!fingerprints.contains(
        ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong())) {
      return null;
    }
    BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null);
    try {
      decoder.skipString(); // event_id
      return decoder.readString(); // event_type
    } catch (IOException | RuntimeException e) {
      return null; // Avro's own limits and malformed lengths: the full decoder names the failure
    }
  }
}
