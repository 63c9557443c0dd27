package dev.krako.topology.errors;

import dev.krako.avro.DeadLetter;
import dev.krako.schemas.AvroSerdes;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a poison record, or a record whose processing threw, to the dead-letter topic with its
 * coordinates and the error, then lets the application go on. The dead-letter record is written in
 * the same transaction as the task's output (exactly-once), so it is never lost nor doubled.
 *
 * <p>Configured through {@link #TOPIC_CONFIG} and {@link #COMPONENT_CONFIG}.
 */
public final class DeadLetterHandler
    implements DeserializationExceptionHandler, ProcessingExceptionHandler {

  public static final String TOPIC_CONFIG = "krako.dead.letter.topic";
  public static final String COMPONENT_CONFIG = "krako.dead.letter.component";

  private static final Logger LOG = LoggerFactory.getLogger(DeadLetterHandler.class);
  private static final int MAX_MESSAGE = 2_000;

  /**
   * At most this many bytes of the poison key and value are copied into the dead-letter record. A
   * graph record may be 16 MiB (KrakoTopicSpecs) and the dead-letter record must fit the producer's
   * 1 MiB request limit, or writing it fails the application — the one thing a dead-letter topic is
   * there to prevent. The coordinates always lead to the whole record.
   */
  static final int MAX_COPIED_BYTES = 256 * 1024;

  private final Serializer<DeadLetter> serializer = AvroSerdes.of(DeadLetter.class).serializer();
  private String topic;
  private String component;

  @Override
  public void configure(Map<String, ?> configs) {
    Object name = configs.get(TOPIC_CONFIG);
    if (name == null) {
      throw new IllegalArgumentException(TOPIC_CONFIG + " must name the dead-letter topic.");
    }
    this.topic = name.toString();
    Object owner = configs.get(COMPONENT_CONFIG);
    this.component = owner == null ? "unknown" : owner.toString();
  }

  @Override
  public DeserializationExceptionHandler.Response handleError(
      ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
    return DeserializationExceptionHandler.Response.resume(deadLetter(context, exception));
  }

  @Override
  public ProcessingExceptionHandler.Response handleError(
      ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
    return ProcessingExceptionHandler.Response.resume(deadLetter(context, exception));
  }

  private List<ProducerRecord<byte[], byte[]>> deadLetter(
      ErrorHandlerContext context, Exception exception) {
    LOG.warn(
        "Sent the record at {}-{}@{} to {} after {} in {}: {}",
        context.topic(),
        context.partition(),
        context.offset(),
        topic,
        exception.getClass().getSimpleName(),
        context.processorNodeId(),
        exception.getMessage());
    DeadLetter letter =
        DeadLetter.newBuilder()
            .setSourceTopic(context.topic() == null ? "" : context.topic())
            .setSourcePartition(context.partition())
            .setSourceOffset(context.offset())
            .setKey(wrap(clip(context.sourceRawKey())))
            .setValue(wrap(clip(context.sourceRawValue())))
            .setComponent(component)
            .setErrorClass(exception.getClass().getName())
            .setErrorMessage(
                truncate(String.valueOf(exception.getMessage()))
                    + clipped("key", context.sourceRawKey())
                    + clipped("value", context.sourceRawValue()))
            .setFailedAt(Instant.ofEpochMilli(context.timestamp()))
            .build();
    return List.of(
        new ProducerRecord<>(
            topic, clip(context.sourceRawKey()), serializer.serialize(topic, letter)));
  }

  static byte[] clip(byte[] bytes) {
    return bytes == null || bytes.length <= MAX_COPIED_BYTES
        ? bytes
        : java.util.Arrays.copyOf(bytes, MAX_COPIED_BYTES);
  }

  private static String clipped(String what, byte[] bytes) {
    return bytes == null || bytes.length <= MAX_COPIED_BYTES
        ? ""
        : " [the "
            + what
            + " is cut to its first "
            + MAX_COPIED_BYTES
            + " of "
            + bytes.length
            + " bytes; the whole record is at the coordinates]";
  }

  private static ByteBuffer wrap(byte[] bytes) {
    return bytes == null ? null : ByteBuffer.wrap(bytes);
  }

  private static String truncate(String message) {
    return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "…";
  }
}
