package dev.krako.kafka.local;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * The SASL/PLAIN client listener of one broker: the callers' users, plus {@link
 * SaslPlainUsers#BROKER_USER} with a random password chosen when the broker object is created (and
 * kept across restarts), for inter-broker traffic and for our own Admin clients.
 *
 * <p>The passwords reach the broker through {@code server.properties} in the data directory (a
 * temporary directory is readable by its owner only), never through the command line or a log line.
 * Kafka logs {@code sasl.jaas.config} values as {@code [hidden]}.
 */
final class SaslPlainListener {

  /** The listener's name and security protocol. */
  static final String NAME = "SASL_PLAINTEXT";

  static final String MECHANISM = "PLAIN";

  private static final String LOGIN_MODULE =
      "org.apache.kafka.common.security.plain.PlainLoginModule required";

  private final SaslPlainUsers users;
  private final String brokerPassword;

  private SaslPlainListener(SaslPlainUsers users, String brokerPassword) {
    this.users = users;
    this.brokerPassword = brokerPassword;
  }

  /** A listener for {@code users} and a broker user with a fresh random password. */
  static SaslPlainListener create(SaslPlainUsers users) {
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    return new SaslPlainListener(
        users, Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
  }

  /**
   * The JAAS configuration of the listener: the broker's own credentials (as a client of itself)
   * and one {@code user_<name>="<password>"} option per accepted user.
   */
  String serverJaasConfig() {
    StringBuilder jaas = new StringBuilder(LOGIN_MODULE);
    option(jaas, "username", SaslPlainUsers.BROKER_USER);
    option(jaas, "password", brokerPassword);
    option(jaas, "user_" + SaslPlainUsers.BROKER_USER, brokerPassword);
    users.passwords().forEach((user, password) -> option(jaas, "user_" + user, password));
    return jaas.append(';').toString();
  }

  /**
   * The client properties that authenticate as {@code user}.
   *
   * @throws IllegalArgumentException if {@code user} is not one of the listener's users
   */
  Map<String, String> clientProperties(String user) {
    return clientProperties(user, users.password(user));
  }

  /** The client properties of the broker's own user. */
  Map<String, String> brokerClientProperties() {
    return clientProperties(SaslPlainUsers.BROKER_USER, brokerPassword);
  }

  private static Map<String, String> clientProperties(String user, String password) {
    StringBuilder jaas = new StringBuilder(LOGIN_MODULE);
    option(jaas, "username", user);
    option(jaas, "password", password);
    return Map.of(
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        NAME,
        SaslConfigs.SASL_MECHANISM,
        MECHANISM,
        SaslConfigs.SASL_JAAS_CONFIG,
        jaas.append(';').toString());
  }

  /** Appends {@code key="value"}; Kafka's JAAS parser reads backslash escapes inside quotes. */
  private static void option(StringBuilder jaas, String key, String value) {
    jaas.append(' ')
        .append(key)
        .append("=\"")
        .append(value.replace("\\", "\\\\").replace("\"", "\\\""))
        .append('"');
  }

  @Override
  public String toString() {
    return "SaslPlainListener[" + users + "]";
  }
}
