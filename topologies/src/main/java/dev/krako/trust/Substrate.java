package dev.krako.trust;

import java.util.Locale;

/**
 * The pool a node belongs to, as its events report it. Declared in the order of the event log's
 * symbols: when two events of a node at the same time disagree, the later symbol wins.
 */
public enum Substrate {
  CPU,
  CPU_TRUSTED,
  LLM_POD,
  /** A substrate this build does not know (a newer writer). */
  UNKNOWN;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
