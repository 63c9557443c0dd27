package dev.krako.worker.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.regex.Pattern;

/** Reads an integer argument the way KORA's Python {@code int(value)} does. */
final class IntegerArgument {

  // Python's int(str) takes an optional sign, Unicode decimal digits and single underscores
  // between digits, with surrounding whitespace.
  private static final Pattern INTEGER_TEXT =
      Pattern.compile("[+-]?\\d+(?:_\\d+)*", Pattern.UNICODE_CHARACTER_CLASS);

  private IntegerArgument() {}

  /**
   * The integer held by {@code value}: an integer; a finite float truncated toward zero; a boolean
   * as 0 or 1; or a string of an integer, such as {@code " 18 "}.
   *
   * @throws HandlerFailure with code {@value HandlerFailure#INVALID_ARGUMENT} for anything else
   */
  static BigInteger parse(String name, JsonNode value) throws HandlerFailure {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue();
    }
    if (value.isBigDecimal()) {
      return value.decimalValue().toBigInteger();
    }
    if (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue())) {
      // new BigDecimal(double) is exact, so truncation matches Python's int(float).
      return new BigDecimal(value.doubleValue()).toBigInteger();
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? BigInteger.ONE : BigInteger.ZERO;
    }
    if (value.isTextual()) {
      String text = value.textValue().strip();
      if (INTEGER_TEXT.matcher(text).matches()) {
        return new BigInteger(text.replace("_", ""));
      }
    }
    throw new HandlerFailure(
        HandlerFailure.INVALID_ARGUMENT, "Argument " + name + " is not an integer: " + value);
  }
}
