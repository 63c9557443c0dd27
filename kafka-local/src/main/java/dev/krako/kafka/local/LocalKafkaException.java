package dev.krako.kafka.local;

/** A {@link LocalKafkaBroker} operation failed; the message says which and why. */
public class LocalKafkaException extends RuntimeException {

  /** Creates the exception with a whole-sentence {@code message}. */
  public LocalKafkaException(String message, Throwable cause) {
    super(message, cause);
  }
}
