package dev.krako.kafka.local;

import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The users that a broker's SASL/PLAIN listener accepts, and their passwords.
 *
 * <p>{@link #toString()} names the users only, so that settings logged or shown in an assertion
 * failure never carry a password. The characters are restricted to what survives, unescaped, the
 * two formats a password passes through on its way to the broker: {@code server.properties} (read
 * as ISO-8859-1) and a JAAS option value.
 *
 * @param passwords each user's password, by user name
 */
public record SaslPlainUsers(Map<String, String> passwords) {

  /**
   * The user the broker itself authenticates as on its own listener (readiness checks, {@link
   * LocalKafkaBroker#createTopics}, {@link LocalKafkaBroker#adminClientConfig()}); reserved.
   */
  public static final String BROKER_USER = "krako-broker";

  /** A JAAS option key ({@code user_<name>}) ends at a space, '=', ';', '/' or a quote. */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  /** Printable ASCII: {@code server.properties} is read as ISO-8859-1, JAAS ends at a newline. */
  private static final Pattern PASSWORD = Pattern.compile("[\\x20-\\x7E]{1,256}");

  /** Validates every name and password and freezes the map. */
  public SaslPlainUsers {
    if (passwords.isEmpty()) {
      throw new IllegalArgumentException("A SASL/PLAIN listener needs at least one user.");
    }
    passwords.forEach(SaslPlainUsers::requireValid);
    passwords = Map.copyOf(passwords);
  }

  /**
   * The password of {@code user}.
   *
   * @throws IllegalArgumentException if there is no such user
   */
  public String password(String user) {
    String password = passwords.get(user);
    if (password == null) {
      throw new IllegalArgumentException(
          "No SASL/PLAIN user named '" + user + "'; the users are " + names() + ".");
    }
    return password;
  }

  /** The user names, sorted; never the passwords. */
  @Override
  public String toString() {
    return "SaslPlainUsers" + names();
  }

  private TreeSet<String> names() {
    return new TreeSet<>(passwords.keySet());
  }

  private static void requireValid(String user, String password) {
    if (!NAME.matcher(user).matches()) {
      throw new IllegalArgumentException(
          "A SASL/PLAIN user name has 1 to 64 letters, digits, '.', '_' or '-': '" + user + "'.");
    }
    if (BROKER_USER.equals(user)) {
      throw new IllegalArgumentException("The user name '" + BROKER_USER + "' is reserved.");
    }
    // The message names the user, never the password.
    if (!PASSWORD.matcher(password).matches()) {
      throw new IllegalArgumentException(
          "The password of '" + user + "' must be 1 to 256 printable ASCII characters.");
    }
  }
}
