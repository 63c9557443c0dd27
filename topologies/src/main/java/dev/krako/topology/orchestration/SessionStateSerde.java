package dev.krako.topology.orchestration;

import dev.krako.avro.SessionState;
import dev.krako.avro.TaskGraph;
import dev.krako.schemas.AvroSerdes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The serde of the orchestrator's sessions store. It reads and writes exactly the bytes of {@link
 * AvroSerdes#of AvroSerdes.of(SessionState.class)} (Avro single-object encoding), with one shortcut
 * when writing: a state made by {@link #withGraph} carries its graph already encoded, and those
 * bytes are written in the graph's place instead of encoding the graph again.
 *
 * <p>Why: a session's graph never changes, but the orchestrator writes the whole session, graph
 * included, on every update, and encoding it was the largest single item of Krako's CPU at
 * saturation (9.4 % of its samples at 80 sessions/s, docs/performance.md, session 14). {@link
 * SessionCache} keeps a session's encoded graph with its decoded form (ADR 022), so a 20-unit
 * fan-out encodes its graph once instead of on each of its twenty-odd updates. Avro writes a
 * record's fields one after the other with no framing, and a nested record exactly as it would be
 * written alone, so the bytes are the same either way: {@code SessionStateSerdeTest} checks it, and
 * the store's changelog and anything that reads it are unchanged.
 */
final class SessionStateSerde implements Serde<SessionState> {

  private static final Schema SCHEMA = SessionState.getClassSchema();
  private static final int GRAPH = SCHEMA.getField("graph").pos();
  private static final SpecificData MODEL = SpecificData.getForClass(SessionState.class);

  /** Avro's single-object header: the marker C3 01 and the schema's fingerprint, little-endian. */
  private static final byte[] HEADER =
      ByteBuffer.allocate(10)
          .order(ByteOrder.LITTLE_ENDIAN)
          .put((byte) 0xC3)
          .put((byte) 0x01)
          .putLong(SchemaNormalization.parsingFingerprint64(SCHEMA))
          .array();

  private static final SpecificDatumWriter<TaskGraph> GRAPH_WRITER =
      new SpecificDatumWriter<>(TaskGraph.getClassSchema(), MODEL);
  private static final SplicingWriter STATE_WRITER = new SplicingWriter();

  /** Each stream thread's buffer and encoder, reused from write to write. */
  private static final ThreadLocal<ByteArrayOutputStream> BUFFER =
      ThreadLocal.withInitial(() -> new ByteArrayOutputStream(4096));

  private static final ThreadLocal<BinaryEncoder> ENCODER = new ThreadLocal<>();

  private final Serde<SessionState> avro = AvroSerdes.of(SessionState.class);

  /** A session state whose graph's bytes are already known. */
  static final class WithGraphBytes extends SessionState {

    private final byte[] graphBytes;

    private WithGraphBytes(SessionState state, byte[] graphBytes) {
      super(
          state.getSessionId(),
          state.getGraph(),
          state.getStatus(),
          state.getStopReason(),
          state.getStartedAt(),
          state.getEndedAt(),
          state.getUnits(),
          state.getQuorumSize());
      this.graphBytes = graphBytes;
    }
  }

  /**
   * {@code state}, to be written with {@code graphBytes} in its graph's place: they must be {@link
   * #encodeGraph encodeGraph(state.getGraph())}.
   */
  static SessionState withGraph(SessionState state, byte[] graphBytes) {
    return new WithGraphBytes(state, graphBytes);
  }

  /** The graph's Avro binary encoding, as it appears inside an encoded {@link SessionState}. */
  static byte[] encodeGraph(TaskGraph graph) {
    ByteArrayOutputStream out = buffer();
    try {
      GRAPH_WRITER.write(graph, encoder(out));
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not throw
    }
    return out.toByteArray();
  }

  private static ByteArrayOutputStream buffer() {
    ByteArrayOutputStream out = BUFFER.get();
    out.reset();
    return out;
  }

  private static BinaryEncoder encoder(ByteArrayOutputStream out) {
    BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, ENCODER.get());
    ENCODER.set(encoder);
    return encoder;
  }

  @Override
  public Serializer<SessionState> serializer() {
    Serializer<SessionState> plain = avro.serializer();
    return (topic, value) -> {
      if (!(value instanceof WithGraphBytes spliced)) {
        return plain.serialize(topic, value);
      }
      ByteArrayOutputStream out = buffer();
      out.writeBytes(HEADER);
      try {
        STATE_WRITER.write(spliced, encoder(out));
      } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
        throw new SerializationException(
            "Could not encode a SessionState for topic " + topic + ".", e);
      }
      return out.toByteArray();
    };
  }

  @Override
  public Deserializer<SessionState> deserializer() {
    return avro.deserializer();
  }

  /** Avro's writer for SessionState, but for the graph of a {@link WithGraphBytes}. */
  private static final class SplicingWriter extends SpecificDatumWriter<SessionState> {

    SplicingWriter() {
      super(SCHEMA, MODEL);
    }

    @Override
    protected void writeField(Object datum, Schema.Field f, Encoder out, Object state)
        throws IOException {
      if (f.pos() == GRAPH && datum instanceof WithGraphBytes spliced) {
        out.writeFixed(spliced.graphBytes);
        return;
      }
      super.writeField(datum, f, out, state);
    }
  }
}
