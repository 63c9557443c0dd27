package dev.krako.worker.text;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits text into the terms that retrieval and the small model compare, the same way on every
 * worker: the text is NFKC-normalized and lower-cased with {@link Locale#ROOT}, and a term is a
 * maximal run of letters, digits and combining marks (so {@code "Wi-Fi, 5GHz!"} gives {@code wi},
 * {@code fi}, {@code 5ghz}). There is no stemming and no stop-word list: both would be language
 * choices that a unit cannot see. Character classes are the JDK's Unicode tables.
 */
public final class Terms {

  private Terms() {}

  /** The terms of {@code text}, in order, repeats included; empty for blank text. */
  public static List<String> of(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    List<String> terms = new ArrayList<>();
    StringBuilder term = new StringBuilder();
    folded
        .codePoints()
        .forEach(
            cp -> {
              if (isTermCodePoint(cp)) {
                term.appendCodePoint(cp);
              } else if (term.length() > 0) {
                terms.add(term.toString());
                term.setLength(0);
              }
            });
    if (term.length() > 0) {
      terms.add(term.toString());
    }
    return terms;
  }

  /**
   * How many white-space separated tokens {@code text} has: maximal runs of code points that are
   * neither {@link Character#isWhitespace white space} nor {@link Character#isSpaceChar space
   * separators} (so a no-break space separates, as in Python's {@code str.split()}).
   */
  public static int whitespaceTokens(String text) {
    int tokens = 0;
    boolean inToken = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      boolean space = Character.isWhitespace(cp) || Character.isSpaceChar(cp);
      if (!space && !inToken) {
        tokens++;
      }
      inToken = !space;
      i += Character.charCount(cp);
    }
    return tokens;
  }

  private static boolean isTermCodePoint(int cp) {
    if (Character.isLetterOrDigit(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }
}
