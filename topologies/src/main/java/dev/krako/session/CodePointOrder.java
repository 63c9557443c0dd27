package dev.krako.session;

import java.util.Comparator;

/**
 * Orders ids by Unicode code point, as KORA's Python executor sorts them. Java's own String order
 * compares UTF-16 units, which differs for characters beyond the Basic Multilingual Plane.
 */
final class CodePointOrder implements Comparator<String> {

  static final CodePointOrder INSTANCE = new CodePointOrder();

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
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
