package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Text as KORA's handlers see it. */
final class KoraText {

  private KoraText() {}

  /**
   * The text a handler works on: {@code in.text} if present, else {@code args.text}, else empty (a
   * JSON {@code null} counts as absent). A non-string value is {@linkplain #of rendered}.
   */
  static String ofTask(HandlerInvocation invocation) {
    return JsonField.present(invocation.input(), "text")
        .or(() -> JsonField.present(invocation.args(), "text"))
        .map(KoraText::of)
        .orElse("");
  }

  /**
   * Renders a JSON value as text the way KORA's Python {@code str()} does for strings, booleans
   * ({@code True}/{@code False}) and integers. Other numbers use Jackson's form and containers
   * their compact JSON; KORA's Python forms of those differ, but no KORA graph relies on them.
   */
  static String of(JsonNode value) {
    if (value.isTextual()) {
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? "True" : "False";
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /** Lower-cases independently of the JVM's default locale, so "I" never becomes a dotless ı. */
  static String lower(String text) {
    return text.toLowerCase(Locale.ROOT);
  }

  /** The length in Unicode code points, as Python's {@code len} counts it (not UTF-16 units). */
  static int codePoints(String text) {
    return text.codePointCount(0, text.length());
  }
}
