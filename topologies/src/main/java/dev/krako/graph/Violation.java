package dev.krako.graph;

/**
 * One reason a graph is rejected.
 *
 * @param path a JSON path into the submitted document, such as {@code $.work_units[3].type}
 */
public record Violation(ViolationCode code, String path, String message) {

  @Override
  public String toString() {
    return code + " at " + path + " (" + message + ")";
  }
}
