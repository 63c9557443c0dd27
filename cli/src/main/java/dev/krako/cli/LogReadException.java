package dev.krako.cli;

/** A topic could not be read to the end offsets of its snapshot; {@link #reason()} says why. */
final class LogReadException extends Exception {

  /** Why a log could not be read. */
  enum Reason {
    /** No broker answered the first metadata request. */
    NO_BROKER,
    /** The broker answered, but has no such topic (a wrong prefix, or nothing provisioned). */
    NO_TOPIC,
    /** The log was not read to its end offsets within the timeout. */
    TIMED_OUT,
    /** A record is not what the topic carries. */
    UNREADABLE
  }

  private final Reason reason;

  LogReadException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  Reason reason() {
    return reason;
  }
}
