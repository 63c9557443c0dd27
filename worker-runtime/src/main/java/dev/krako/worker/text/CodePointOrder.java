package dev.krako.worker.text;

import java.util.Comparator;

/**
 * Orders strings by their Unicode code points, as Python compares {@code str} values. {@link
 * String#compareTo} compares UTF-16 units instead, which puts a character above U+FFFF (such as an
 * emoji) before U+E000..U+FFFF; ids and labels are ordered by code point so that a tie is broken
 * the same way whatever language reads the output.
 */
public final class CodePointOrder implements Comparator<String> {

  /** The one instance: the order has no state. */
  public static final CodePointOrder INSTANCE = new CodePointOrder();

  private CodePointOrder() {}

  @Override
  public int compare(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }
}
