package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the requested slide count in a text: the number of the first "N-slide", "N - slide" or "N
 * slide(s)" phrase, as KORA's {@code parse_request_constraints} does.
 */
final class SlideCountPhrase {

  /** The slide count when the text names none. */
  static final int DEFAULT_SLIDE_COUNT = 18;

  // KORA's regex is (\d+)\s*-\s*slide|(\d+)\s+slides? on Python str: \d is any Unicode decimal
  // digit, \s is Python's whitespace (Unicode White_Space plus U+001C..U+001F). No word
  // boundaries: "12 - slideshow" counts, "12slides" does not (a space or a hyphen is needed).
  private static final String SPACE = "[\\s\\x1c-\\x1f]";
  private static final Pattern PHRASE =
      Pattern.compile(
          "(\\d+)" + SPACE + "*-" + SPACE + "*slide|(\\d+)" + SPACE + "+slides?",
          Pattern.UNICODE_CHARACTER_CLASS);

  private SlideCountPhrase() {}

  /**
   * The slide count named by {@code loweredText}, or {@value #DEFAULT_SLIDE_COUNT}; a JSON integer
   * of the smallest type that holds it, since KORA's Python integers have no upper bound.
   */
  static JsonNode in(String loweredText) {
    Matcher matcher = PHRASE.matcher(loweredText);
    if (!matcher.find()) {
      return JsonNodeFactory.instance.numberNode(DEFAULT_SLIDE_COUNT);
    }
    String digits = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
    // BigInteger reads any Unicode decimal digit, as Python's int() does ("١٢" is 12).
    BigInteger count = new BigInteger(digits);
    if (count.bitLength() < Integer.SIZE) {
      return JsonNodeFactory.instance.numberNode(count.intValue());
    }
    if (count.bitLength() < Long.SIZE) {
      return JsonNodeFactory.instance.numberNode(count.longValue());
    }
    return JsonNodeFactory.instance.numberNode(count);
  }
}
