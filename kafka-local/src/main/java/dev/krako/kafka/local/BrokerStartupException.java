package dev.krako.kafka.local;

/**
 * The broker did not become ready: its JVM exited, or it did not answer within the startup timeout.
 * The message holds the command line, the first error the broker logged, and the last lines of
 * {@code broker.log}.
 */
public final class BrokerStartupException extends LocalKafkaException {

  private static final int TAIL_LINES = 40;

  private static final int ERROR_LINES = 12;

  /** Creates the exception with a whole-sentence {@code message}. */
  public BrokerStartupException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Appends the diagnostics that make a failed start understandable from a CI log. */
  static BrokerStartupException of(String problem, ChildProcess child, Throwable cause) {
    StringBuilder message = new StringBuilder(problem);
    message.append("\nCommand: ").append(child.commandLine());
    String firstError = LogTail.firstError(child.logFile(), child.logStart(), ERROR_LINES);
    if (!firstError.isEmpty()) {
      message.append("\nFirst error in ").append(child.logFile()).append(":\n").append(firstError);
    }
    message
        .append("\nLast ")
        .append(TAIL_LINES)
        .append(" lines of ")
        .append(child.logFile())
        .append(":\n")
        .append(LogTail.lastLines(child.logFile(), child.logStart(), TAIL_LINES));
    return new BrokerStartupException(message.toString(), cause);
  }
}
