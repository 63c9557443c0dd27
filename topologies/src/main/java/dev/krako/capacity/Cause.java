package dev.krako.capacity;

import java.util.Locale;

/** What set the admission mode. */
public enum Cause {
  /** The capacity topology's backlog rule. */
  BACKLOG,
  /** An operator's {@code krako admission set}. */
  OPERATOR;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Cause parse(String wireName) {
    return valueOf(wireName.toUpperCase(Locale.ROOT));
  }
}
