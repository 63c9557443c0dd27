package dev.krako.query;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One line of the route table: a path template such as {@code /v1/sessions/{session}}, who may call
 * it, and the method that answers it.
 */
record Route(String template, Audience audience, Handler handler) {

  /** Who may call a route. */
  enum Audience {
    /** Anyone, without a key (the health check). */
    OPEN,
    /** A tenant's key; the route reads that tenant's data only. */
    TENANT,
    /** An operator's key (node trust). */
    OPERATOR
  }

  /** Answers one routed request. */
  @FunctionalInterface
  interface Handler {
    Reply answer(Call call);
  }

  /** The decoded path parameters when {@code rawPath} matches the template; empty when not. */
  Optional<Map<String, String>> match(String rawPath) {
    String[] expected = template.split("/");
    String[] actual = rawPath.split("/");
    if (expected.length != actual.length) {
      return Optional.empty();
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < expected.length; i++) {
      if (expected[i].startsWith("{")) {
        String value = decode(actual[i]);
        if (value == null || value.isEmpty()) {
          return Optional.empty();
        }
        params.put(expected[i].substring(1, expected[i].length() - 1), value);
      } else if (!expected[i].equals(actual[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(params);
  }

  /** Percent-decodes one path segment ({@code +} stays a plus in a path); null if malformed. */
  private static String decode(String segment) {
    try {
      return URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
