package dev.krako.graph;

import java.util.Objects;

/**
 * KORA 0.1's {@code skip_if}: the unit is skipped when any direct dependency's output has the
 * top-level key named by {@code path} ({@code $.key}) equal to {@code equalsJson} (a missing key
 * reads as null).
 */
public record SkipCondition(String path, String equalsJson) {

  public SkipCondition {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(equalsJson, "equalsJson");
  }

  /** The top-level key the condition reads. */
  public String key() {
    return path.startsWith("$.") ? path.substring(2) : path;
  }
}
