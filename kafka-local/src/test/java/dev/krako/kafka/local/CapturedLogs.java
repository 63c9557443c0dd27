package dev.krako.kafka.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Captures what Kafka's clients and our own code log in this JVM, at INFO (where the clients print
 * their whole configuration), without printing Kafka's lines to the console. Closing it restores
 * the loggers.
 */
final class CapturedLogs implements AutoCloseable {

  private final Logger kafka = (Logger) LoggerFactory.getLogger("org.apache.kafka");
  private final Logger krako = (Logger) LoggerFactory.getLogger("dev.krako");
  private final Level kafkaLevel = kafka.getLevel();
  private final boolean kafkaAdditive = kafka.isAdditive();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  /** Starts capturing. */
  CapturedLogs() {
    appender.start();
    kafka.setLevel(Level.INFO);
    kafka.setAdditive(false);
    kafka.addAppender(appender);
    krako.addAppender(appender);
  }

  /** Every line captured so far, formatted, with the stack traces' messages. */
  List<String> lines() {
    List<ILoggingEvent> events;
    // AppenderBase.doAppend holds the appender's lock while it adds to the list.
    synchronized (appender) {
      events = List.copyOf(appender.list);
    }
    return events.stream().map(CapturedLogs::text).toList();
  }

  @Override
  public void close() {
    kafka.detachAppender(appender);
    krako.detachAppender(appender);
    kafka.setAdditive(kafkaAdditive);
    kafka.setLevel(kafkaLevel);
    appender.stop();
  }

  private static String text(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (var thrown = event.getThrowableProxy(); thrown != null; thrown = thrown.getCause()) {
      text.append(" | ").append(thrown.getClassName()).append(": ").append(thrown.getMessage());
    }
    return text.toString();
  }
}
