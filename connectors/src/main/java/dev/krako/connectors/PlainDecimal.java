package dev.krako.connectors;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads the ledger's money: plain decimal strings ({@code 0.000059}) at a fixed scale. The value
 * becomes an exact {@link BigDecimal} at exactly that scale, or the record is refused: a value with
 * more places than the column holds would have to be rounded, and the export never changes an
 * amount.
 */
final class PlainDecimal {

  /** What billing writes: an optional minus sign, digits, optionally a point and digits. */
  private static final Pattern PLAIN = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");

  private PlainDecimal() {}

  /**
   * The exact value of {@code text} at {@code scale} places, with at most {@code precision} digits.
   *
   * @throws DataException when the text is not a plain decimal, has more than {@code scale} places
   *     or more than {@code precision} digits
   */
  static BigDecimal parse(String field, String text, int scale, int precision) {
    if (!PLAIN.matcher(text).matches()) {
      throw new DataException(field + " is not a plain decimal: '" + text + "'.");
    }
    BigDecimal exact;
    try {
      exact = new BigDecimal(text).setScale(scale, RoundingMode.UNNECESSARY);
    } catch (ArithmeticException e) {
      throw new DataException(
          field + " has more than " + scale + " decimal places: '" + text + "'.", e);
    }
    if (exact.precision() > precision) {
      throw new DataException(
          field
              + " has more than "
              + precision
              + " digits at scale "
              + scale
              + ": '"
              + text
              + "'.");
    }
    return exact;
  }
}
