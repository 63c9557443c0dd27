package dev.krako.kafka.local;

/**
 * The broker did not become ready: its JVM exited, or it did not answer within the startup timeout.
 * The message holds the command line and the end of {@code broker.log}.
 */
public final class BrokerStartupException extends LocalKafkaException {

  private static final int TAIL_LINES = 40;

  /** Creates the exception with a whole-sentence {@code message}. */
  public BrokerStartupException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Appends the diagnostics that make a failed start understandable from a CI log. */
  static BrokerStartupException of(
      String problem, ChildProcess process, DataDir dir, Throwable cause) {
    String message =
        problem
            + "\nCommand: "
            + process.commandLine()
            + "\nLast "
            + TAIL_LINES
            + " lines of "
            + dir.brokerLog()
            + ":\n"
            + LogTail.of(dir.brokerLog(), TAIL_LINES);
    return new BrokerStartupException(message, cause);
  }
}
