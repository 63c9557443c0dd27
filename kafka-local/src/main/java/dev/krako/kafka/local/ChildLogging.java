package dev.krako.kafka.local;

/**
 * The logback configuration of the child JVMs. They log to their stdout, which the parent redirects
 * to {@code broker.log}: one writer per file, and crash output (which bypasses logging) lands in
 * the same place as the log lines around it.
 */
final class ChildLogging {

  private ChildLogging() {}

  /** The content of {@code logback-broker.xml}: INFO, in Kafka's own line format. */
  static String logbackXml() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Written by krako-kafka-local at every start; stdout is redirected to broker.log. -->
        <configuration>
          <appender name="STDOUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder>
              <pattern>[%d{ISO8601}] %-5level %msg \\(%logger\\)%n</pattern>
            </encoder>
          </appender>
          <!-- Parentheses group in logback patterns: the logger's are escaped. -->
          <!-- One line per request at DEBUG: Kafka's own default keeps it at WARN. -->
          <logger name="kafka.request.logger" level="WARN"/>
          <root level="INFO">
            <appender-ref ref="STDOUT"/>
          </root>
        </configuration>
        """;
  }
}
