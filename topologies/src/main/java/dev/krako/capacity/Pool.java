package dev.krako.capacity;

import java.util.Locale;
import java.util.Optional;

/** A worker pool, one per dispatch topic: what a scale request is about. */
public enum Pool {
  CPU,
  CPU_TRUSTED,
  LLM_POD;

  /** The pool's name on the wire, the Avro {@code Substrate} symbol. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The pool of a substrate symbol, or empty for one this build does not know. */
  public static Optional<Pool> ofWireName(String wireName) {
    for (Pool pool : values()) {
      if (pool.wireName().equals(wireName)) {
        return Optional.of(pool);
      }
    }
    return Optional.empty();
  }
}
