package dev.krako.topology.orchestration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.SessionState;
import dev.krako.avro.StopReason;
import dev.krako.schemas.AvroSerdes;
import dev.krako.topology.codec.SessionCodec;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** The sessions store's serde writes AvroSerdes' bytes, the graph's taken as given (ADR 022). */
class SessionStateSerdeTest {

  private final Serde<SessionState> avro = AvroSerdes.of(SessionState.class);
  private final SessionStateSerde serde = new SessionStateSerde();

  private static List<SessionState> states() {
    SessionState ended =
        SessionState.newBuilder(SessionCodec.toAvro(SessionCacheTest.session("s-3", 3)))
            .setStopReason(StopReason.retry_exhausted)
            .setEndedAt(1_700_000_000_000L)
            .build();
    return List.of(
        SessionCodec.toAvro(SessionCacheTest.session("s-1", 1)),
        SessionCodec.toAvro(SessionCacheTest.session("s-20", 20)),
        ended);
  }

  @Test
  void aStateWithItsGraphsBytesIsWrittenAsAvroSerdesWritesIt() {
    for (SessionState state : states()) {
      byte[] graph = SessionStateSerde.encodeGraph(state.getGraph());

      assertThat(serde.serializer().serialize("t", SessionStateSerde.withGraph(state, graph)))
          .as(state.getSessionId())
          .isEqualTo(avro.serializer().serialize("t", state));
    }
  }

  @Test
  void aPlainStateIsWrittenAsAvroSerdesWritesIt() {
    for (SessionState state : states()) {
      assertThat(serde.serializer().serialize("t", state))
          .isEqualTo(avro.serializer().serialize("t", state));
    }
    assertThat(serde.serializer().serialize("t", null)).isNull();
  }

  @Test
  void theGivenBytesAreWrittenInTheGraphsPlaceNotTheGraphEncodedAgain() {
    SessionState small = SessionCodec.toAvro(SessionCacheTest.session("s-1", 1));
    SessionState large = SessionCodec.toAvro(SessionCacheTest.session("s-20", 20));
    byte[] largeGraph = SessionStateSerde.encodeGraph(large.getGraph());

    byte[] written =
        serde.serializer().serialize("t", SessionStateSerde.withGraph(small, largeGraph));
    SessionState read = serde.deserializer().deserialize("t", written);

    assertThat(read.getSessionId()).isEqualTo("s-1");
    assertThat(read.getGraph()).isEqualTo(large.getGraph());
  }
}
