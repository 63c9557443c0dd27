package dev.krako.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitStarted;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/**
 * A reader of some event types decodes those as the full serde does, skips the others without
 * decoding them, and still fails on every record it cannot read, as the full serde does.
 */
class EventsOfTypesTest {

  private final Serializer<Event> writer = AvroSerdes.of(Event.class).serializer();
  private final EventsOfTypes completions = EventsOfTypes.of(Set.of("workunit.completed"));

  @Test
  void anEventOfAWantedTypeIsDecodedWhole() {
    Event event = completed();

    Event back = completions.deserialize("krako.events", writer.serialize("krako.events", event));

    assertThat(back).isEqualTo(event);
  }

  @Test
  void anEventOfAnotherTypeIsSkippedAsNull() {
    byte[] bytes = writer.serialize("krako.events", started());

    assertThat(completions.peekType(bytes)).isEqualTo("workunit.started");
    assertThat(completions.deserialize("krako.events", bytes)).isNull();
  }

  @Test
  void anEventDamagedOnlyPastItsTypeIsSkippedByAReaderOfOtherTypes() {
    byte[] bytes = writer.serialize("krako.events", started());
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 5);

    assertThat(completions.deserialize("krako.events", cut)).isNull();
    assertThatThrownBy(
            () -> EventsOfTypes.of(Set.of("workunit.started")).deserialize("krako.events", cut))
        .isInstanceOf(SerializationException.class);
  }

  /** The kinds of garbage `krako fuzz` sends (InternalGarbage): each reader dead-letters them. */
  @Test
  void recordsThatCannotBeReadAsFarAsTheirTypeFailAsTheFullSerdeFails() {
    byte[] valid = writer.serialize("krako.events", completed());
    byte[] unmarked = "{\"not\":\"avro\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] unknownFingerprint = valid.clone();
    unknownFingerprint[5] ^= 0x55;
    byte[] negativeLength = Arrays.copyOf(valid, 12);
    negativeLength[10] = 0x01; // zig-zag -1
    byte[] absurdLength = Arrays.copyOf(valid, 17);
    byte[] gigabyte = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 'x', 'y'};
    System.arraycopy(gigabyte, 0, absurdLength, 10, gigabyte.length);
    byte[] headerOnly = Arrays.copyOf(valid, 10);

    for (byte[] garbage :
        new byte[][] {unmarked, unknownFingerprint, negativeLength, absurdLength, headerOnly}) {
      assertThat(completions.peekType(garbage)).isNull();
      assertThatThrownBy(() -> completions.deserialize("krako.events", garbage))
          .isInstanceOf(SerializationException.class)
          .hasMessageContaining("krako.events");
    }
  }

  /** The peek relies on it: a new version of Event must keep its id and type first. */
  @Test
  void everyReleasedVersionOfEventStartsWithItsIdThenItsType() {
    for (Schema version :
        ReleasedSchemas.instance().versionsOf(Event.getClassSchema().getFullName())) {
      assertThat(version.getFields().get(0).name()).isEqualTo("event_id");
      assertThat(version.getFields().get(0).schema().getType()).isEqualTo(Schema.Type.STRING);
      assertThat(version.getFields().get(1).name()).isEqualTo("event_type");
      assertThat(version.getFields().get(1).schema().getType()).isEqualTo(Schema.Type.STRING);
    }
    assertThat(ReleasedSchemas.instance().versionsOf(Event.getClassSchema().getFullName()))
        .isNotEmpty();
  }

  @Property(tries = 500)
  void garbageBehindAValidHeaderIsNullOrASerializationException(@ForAll byte[] tail) {
    byte[] valid = writer.serialize("t", completed());
    byte[] bytes = Arrays.copyOf(valid, 10 + tail.length);
    System.arraycopy(tail, 0, bytes, 10, tail.length);
    try {
      completions.deserialize("t", bytes);
    } catch (SerializationException expected) {
      // the only failure a caller has to handle
    }
  }

  private static Event.Builder event(String type) {
    return Event.newBuilder()
        .setEventId("e-" + type)
        .setEventType(type)
        .setTimestamp(Instant.parse("2026-01-01T00:00:00Z"))
        .setTenantId("tenant")
        .setGraphId("graph")
        .setSessionId("session")
        .setWorkUnitId("unit")
        .setAttemptIndex(0)
        .setSource(new EventSource("worker", "node-1"));
  }

  private static Event completed() {
    return event("workunit.completed")
        .setPayload(
            WorkUnitCompleted.newBuilder()
                .setNodeId("node-1")
                .setSubstrate(Substrate.cpu)
                .setOutputJson("{}")
                .setDurationMs(3)
                .setUsage(new Usage(3L, 0L, 0L, 0))
                .build())
        .build();
  }

  private static Event started() {
    return event("workunit.started")
        .setPayload(new WorkUnitStarted("node-1", Substrate.cpu))
        .build();
  }
}
