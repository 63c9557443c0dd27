package dev.krako.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The query parameters of a tenant's ledger listing, checked: {@code session} (one session's
 * entries), {@code from} (inclusive) and {@code to} (exclusive), ISO-8601 times with an offset,
 * {@code limit} (1 to {@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}) and {@code cursor} (the
 * {@code next_cursor} of the previous page, unchanged). Anything else is refused with a message
 * that says what is wrong, which the API answers as 400.
 *
 * @param cursorKey the ledger store key the previous page ended at; null on a first page
 */
record LedgerQuery(String session, Instant from, Instant to, int limit, String cursorKey) {

  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private static final Set<String> NAMES = Set.of("session", "from", "to", "limit", "cursor");
  private static final Pattern CURSOR_TAIL = Pattern.compile("\\|\\d{19}\\|.+");

  /**
   * Reads the raw (percent-encoded) query of a request for {@code tenantId}'s ledger. A {@code +}
   * stays a plus (a time offset such as {@code +02:00}), as in a path.
   *
   * @throws IllegalArgumentException with the message to answer
   */
  static LedgerQuery parse(String rawQuery, String tenantId) {
    Map<String, String> params = params(rawQuery);
    Instant from = time(params, "from");
    Instant to = time(params, "to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw new IllegalArgumentException(
          "from (" + from + ") must be before to (" + to + "); to is exclusive");
    }
    return new LedgerQuery(
        params.get("session"), from, to, limit(params.get("limit")), cursor(params, tenantId));
  }

  /** The opaque cursor of a page that ended at {@code key} of the ledger store. */
  static String cursorOf(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> params(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&", -1)) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq), "a parameter name");
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1), "parameter " + name);
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException(
            "unknown query parameter '"
                + name
                + "'; the ledger takes session, from, to, limit and cursor");
      }
      if (value.isEmpty()) {
        throw new IllegalArgumentException("query parameter '" + name + "' has no value");
      }
      if (params.putIfAbsent(name, value) != null) {
        throw new IllegalArgumentException("query parameter '" + name + "' is given twice");
      }
    }
    return params;
  }

  private static String decode(String raw, String what) {
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(what + " is not percent-encoded correctly");
    }
  }

  private static Instant time(Map<String, String> params, String name) {
    String text = params.get(name);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name
              + " must be an ISO-8601 time with an offset, such as 2026-01-31T00:00:00Z; got '"
              + text
              + "'");
    }
  }

  private static int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below, with the rule
    }
    throw new IllegalArgumentException(
        "limit must be a whole number from 1 to " + MAX_LIMIT + "; got '" + text + "'");
  }

  private static String cursor(Map<String, String> params, String tenantId) {
    String text = params.get("cursor");
    if (text == null) {
      return null;
    }
    Optional<String> key = decodeCursor(text);
    String prefix = tenantId + "|";
    if (key.isEmpty()
        || !key.get().startsWith(prefix)
        || !CURSOR_TAIL.matcher(key.get().substring(tenantId.length())).matches()) {
      throw new IllegalArgumentException(
          "cursor is not one this listing gave for tenant "
              + tenantId
              + "; pass next_cursor of the previous page unchanged");
    }
    return key.get();
  }

  private static Optional<String> decodeCursor(String text) {
    try {
      return Optional.of(new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
