package dev.krako.cli.fuzz;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * Garbage for Krako's internal Avro topics (admitted sessions, events, dispatches): values that no
 * reader can decode, so every consumer of the topic must send them to the dead-letter topic with
 * their coordinates and carry on.
 *
 * <p>Every value is undecodable by construction, never by luck: random bytes without the Avro
 * single-object marker; the marker with a fingerprint no schema has; or the marker with the topic's
 * own fingerprint followed by a body whose first field (a string in every one of these records) has
 * a negative or absurd length, or is cut short.
 */
public final class InternalGarbage {

  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;

  private final Random random;

  public InternalGarbage(long seed) {
    this.random = new Random(seed);
  }

  /** One undecodable value for a topic whose records are of {@code schema}; says which kind. */
  public Garbage next(Schema schema) {
    return switch (random.nextInt(5)) {
      case 0 -> new Garbage("random_bytes", unmarked());
      case 1 -> new Garbage("unknown_fingerprint", marked(random.nextLong(), randomBytes(64)));
      case 2 -> new Garbage("negative_length", marked(fingerprint(schema), negativeLength()));
      case 3 -> new Garbage("absurd_length", marked(fingerprint(schema), absurdLength()));
      default -> new Garbage("header_only", marked(fingerprint(schema), new byte[0]));
    };
  }

  /** A garbage value and the kind of garbage it is. */
  public record Garbage(String kind, byte[] value) {}

  private byte[] unmarked() {
    byte[] value = randomBytes(1 + random.nextInt(512));
    if (value.length > 1 && value[0] == MARKER_0 && value[1] == MARKER_1) {
      value[0] = 0; // never the marker: then it is not even Avro
    }
    if (value.length == 1) {
      value[0] = 0;
    }
    return value;
  }

  /** Zig-zag -1 as a string length, then noise. */
  private byte[] negativeLength() {
    byte[] noise = randomBytes(random.nextInt(64));
    byte[] body = new byte[noise.length + 1];
    body[0] = 0x01;
    System.arraycopy(noise, 0, body, 1, noise.length);
    return body;
  }

  /** A string length of about a gigabyte, then a few bytes. */
  private byte[] absurdLength() {
    byte[] body = {(byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07, 'x', 'y'};
    return body;
  }

  private byte[] randomBytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  private static byte[] marked(long fingerprint, byte[] body) {
    ByteBuffer buffer = ByteBuffer.allocate(10 + body.length).order(ByteOrder.LITTLE_ENDIAN);
    buffer.put(MARKER_0).put(MARKER_1).putLong(fingerprint).put(body);
    return buffer.array();
  }
}
