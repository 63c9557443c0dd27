package dev.krako.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitCompleted;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

class AvroSerdesTest {

  private final Serde<Event> serde = AvroSerdes.of(Event.class);

  @Test
  void anEventSurvivesTheRoundTripWithItsTypedPayload() {
    Event event = completed("unit-a", "{\"ok\":true}");

    byte[] bytes = serde.serializer().serialize("krako.events", event);
    Event back = serde.deserializer().deserialize("krako.events", bytes);

    assertThat(back).isEqualTo(event);
    assertThat(back.getPayload()).isInstanceOf(WorkUnitCompleted.class);
  }

  @Test
  void theWireFormatIsAvroSingleObjectEncodingWithTheSchemaFingerprint() {
    byte[] bytes = serde.serializer().serialize("t", completed("u", "{}"));

    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    long fingerprint = 0;
    for (int i = 9; i >= 2; i--) {
      fingerprint = (fingerprint << 8) | (bytes[i] & 0xFF);
    }
    assertThat(fingerprint).isEqualTo(ReleasedSchemas.fingerprint(Event.getClassSchema()));
  }

  @Test
  void bytesThatAreNotAvroFailWithASerializationExceptionNamingTheTopic() {
    byte[] garbage = "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8);

    assertThatThrownBy(() -> serde.deserializer().deserialize("krako.events", garbage))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("krako.events")
        .hasMessageContaining("Event");
  }

  @Test
  void aTruncatedRecordFailsWithASerializationException() {
    byte[] bytes = serde.serializer().serialize("t", completed("u", "{}"));
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", truncated))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void aRecordClaimingAHugeStringIsRefusedWithoutAllocatingIt() {
    byte[] valid = serde.serializer().serialize("t", completed("u", "{}"));
    byte[] poison = java.util.Arrays.copyOf(valid, 16);
    // After the 10-byte header, the first field (event_id) is a string: claim ~1 GB for it.
    byte[] hugeLength = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x08};
    System.arraycopy(hugeLength, 0, poison, 10, hugeLength.length);

    assertThatThrownBy(() -> serde.deserializer().deserialize("t", poison))
        .isInstanceOf(SerializationException.class);
  }

  @Test
  void nullStaysNullForTombstones() {
    assertThat(serde.serializer().serialize("t", null)).isNull();
    assertThat(serde.deserializer().deserialize("t", null)).isNull();
  }

  @Property(tries = 200)
  void arbitraryBytesNeverEscapeAsAnythingButSerializationException(@ForAll byte[] bytes) {
    try {
      serde.deserializer().deserialize("t", bytes);
    } catch (SerializationException expected) {
      // the only failure a caller has to handle
    }
  }

  @Property(tries = 500)
  void garbageBehindAValidHeaderNeverEscapesAsAnythingButSerializationException(
      @ForAll byte[] tail) {
    byte[] valid = serde.serializer().serialize("t", completed("u", "{}"));
    byte[] bytes = java.util.Arrays.copyOf(valid, 10 + tail.length);
    System.arraycopy(tail, 0, bytes, 10, tail.length);
    try {
      serde.deserializer().deserialize("t", bytes);
    } catch (SerializationException expected) {
      // the only failure a caller has to handle
    }
  }

  private static Event completed(String unit, String output) {
    return Event.newBuilder()
        .setEventId("e-" + unit)
        .setEventType("workunit.completed")
        .setTimestamp(Instant.parse("2026-01-01T00:00:00Z"))
        .setTenantId("tenant")
        .setGraphId("graph")
        .setSessionId("session")
        .setWorkUnitId(unit)
        .setAttemptIndex(0)
        .setSource(new EventSource("worker", "node-1"))
        .setPayload(
            WorkUnitCompleted.newBuilder()
                .setNodeId("node-1")
                .setSubstrate(Substrate.cpu)
                .setOutputJson(output)
                .setDurationMs(3)
                .setUsage(new Usage(3L, 0L, 0L, 0))
                .build())
        .build();
  }
}
