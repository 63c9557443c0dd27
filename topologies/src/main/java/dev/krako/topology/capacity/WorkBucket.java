package dev.krako.topology.capacity;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One second of one pool's claims or completions: how many, and the sum of their claim latencies (0
 * for completions). Stored as 16 fixed bytes (two big-endian longs): the value is written once per
 * bucket and commit, so its encoding is kept as cheap as a Long's.
 */
record WorkBucket(long count, long latencyTotalMs) {

  private static final int BYTES = 2 * Long.BYTES;

  static final Serde<WorkBucket> SERDE =
      Serdes.<WorkBucket>serdeFrom(
          (topic, bucket) ->
              bucket == null
                  ? null
                  : ByteBuffer.allocate(BYTES)
                      .putLong(bucket.count)
                      .putLong(bucket.latencyTotalMs)
                      .array(),
          (topic, bytes) -> {
            if (bytes == null) {
              return null;
            }
            if (bytes.length != BYTES) {
              throw new SerializationException(
                  "A work bucket has " + BYTES + " bytes, not " + bytes.length);
            }
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            return new WorkBucket(buffer.getLong(), buffer.getLong());
          });

  /** This bucket with one more attempt of this latency. */
  WorkBucket plus(long latencyMs) {
    return new WorkBucket(count + 1, latencyTotalMs + latencyMs);
  }
}
