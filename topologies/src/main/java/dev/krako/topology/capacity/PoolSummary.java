package dev.krako.topology.capacity;

import dev.krako.capacity.Pool;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * One pool's backlog as one partition of {@code krako.events} sees it at one moment (ADR 028): what
 * the partition's task sends to the one-partition judge instead of every backlog event. Totals, not
 * means, so that the judge can add the partitions' summaries.
 *
 * <p>Encoded as a format byte ({@value #FORMAT}) and fixed fields: the repartition topic is written
 * and read only by the capacity application. A record of another format (a newer build's) fails to
 * decode and goes to the dead-letter topic with its coordinates.
 *
 * @param partition the {@code krako.events} partition summarized: the summary's identity, so the
 *     next one from the same partition replaces it wherever that partition now runs
 * @param pool the pool
 * @param atMs when the partition's task summarized (its wall clock, epoch ms)
 * @param liveNodes nodes of the pool that reported up recently (a node's reports share its
 *     partition, so each node is counted in one partition only)
 * @param waiting attempts dispatched to the pool and not yet claimed
 * @param oldestScheduledAtMs the scheduled time of the oldest of them; 0 when none waits
 * @param claims claims in the window
 * @param claimLatencyTotalMs the sum of their scheduled-to-claimed times
 * @param completed completions in the window
 */
record PoolSummary(
    int partition,
    Pool pool,
    long atMs,
    int liveNodes,
    int waiting,
    long oldestScheduledAtMs,
    long claims,
    long claimLatencyTotalMs,
    long completed) {

  static final byte FORMAT = 1;

  static final Serde<PoolSummary> SERDE =
      Serdes.serdeFrom(
          (topic, summary) -> summary == null ? null : encode(summary),
          (topic, bytes) -> bytes == null ? null : decode(bytes));

  private static byte[] encode(PoolSummary s) {
    byte[] pool = s.pool.wireName().getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(1 + 4 + 1 + pool.length + 8 + 4 + 4 + 4 * 8)
        .put(FORMAT)
        .putInt(s.partition)
        .put((byte) pool.length)
        .put(pool)
        .putLong(s.atMs)
        .putInt(s.liveNodes)
        .putInt(s.waiting)
        .putLong(s.oldestScheduledAtMs)
        .putLong(s.claims)
        .putLong(s.claimLatencyTotalMs)
        .putLong(s.completed)
        .array();
  }

  private static PoolSummary decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      byte format = in.get();
      if (format != FORMAT) {
        throw new SerializationException("A pool summary of format " + format + ", not " + FORMAT);
      }
      int partition = in.getInt();
      byte[] name = new byte[Byte.toUnsignedInt(in.get())];
      in.get(name);
      String wireName = new String(name, StandardCharsets.UTF_8);
      Pool pool =
          Pool.ofWireName(wireName)
              .orElseThrow(() -> new SerializationException("Unknown pool " + wireName));
      PoolSummary summary =
          new PoolSummary(
              partition,
              pool,
              in.getLong(),
              in.getInt(),
              in.getInt(),
              in.getLong(),
              in.getLong(),
              in.getLong(),
              in.getLong());
      if (in.hasRemaining()) {
        throw new SerializationException(in.remaining() + " bytes after a pool summary");
      }
      return summary;
    } catch (BufferUnderflowException e) {
      throw new SerializationException("A pool summary cut short at " + bytes.length + " bytes", e);
    }
  }
}
