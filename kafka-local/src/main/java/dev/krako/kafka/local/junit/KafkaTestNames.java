package dev.krako.kafka.local.junit;

import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Unique topic names, group ids, application ids and transactional ids for one test, so that tests
 * sharing a broker never see each other's data: {@code names.topic("events")} gives {@code
 * events-<TestClass>-<method>-<n>}, where {@code n} is unique in the JVM (a repeated or
 * parameterized test gets new names each time).
 *
 * <p>Names hold only the characters legal in a topic name ({@code [a-zA-Z0-9._-]}); anything else
 * becomes {@code -}. Thread-safe.
 */
public final class KafkaTestNames {

  /** Below Kafka's 249, leaving room for suffixes that clients add. */
  private static final int MAX_LENGTH = 200;

  /**
   * Kafka Streams prefixes its internal topics with the application id and suffixes them with a
   * store name and {@code -changelog}: keep the id short enough for those to stay legal.
   */
  private static final int MAX_APPLICATION_ID_LENGTH = 100;

  private static final Pattern ILLEGAL = Pattern.compile("[^a-zA-Z0-9._-]");

  private static final AtomicLong COUNTER = new AtomicLong();

  private final String scope;

  private KafkaTestNames(String scope) {
    this.scope = scope;
  }

  /** Names for the test method {@code method} (empty for class-level use) of {@code testClass}. */
  public static KafkaTestNames forTest(String testClass, String method) {
    String scope = method.isEmpty() ? testClass : testClass + "-" + method;
    return new KafkaTestNames(sanitize(scope));
  }

  /** A topic name that no other test uses. */
  public String topic(String base) {
    return unique(base, MAX_LENGTH);
  }

  /** A consumer group id that no other test uses. */
  public String groupId(String base) {
    return unique(base, MAX_LENGTH);
  }

  /** A Kafka Streams {@code application.id} that no other test uses. */
  public String applicationId(String base) {
    return unique(base, MAX_APPLICATION_ID_LENGTH);
  }

  /** A {@code transactional.id} that no other test uses. */
  public String transactionalId(String base) {
    return unique(base, MAX_LENGTH);
  }

  private String unique(String base, int maxLength) {
    String suffix = "-" + COUNTER.incrementAndGet();
    String stem = sanitize(base) + (scope.isEmpty() ? "" : "-" + scope);
    int room = maxLength - suffix.length();
    return (stem.length() > room ? stem.substring(0, room) : stem) + suffix;
  }

  private static String sanitize(String text) {
    return ILLEGAL.matcher(text).replaceAll("-");
  }
}
