package dev.krako.trust;

/**
 * An event about a node that cannot be counted as it stands: no node id, or a payload that does not
 * match its type. It is not skipped silently: the topology lets it reach the processing exception
 * handler, which sends it to the dead-letter topic with its coordinates, and trust goes on.
 */
public final class UnattributableEventException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public UnattributableEventException(String message) {
    super(message);
  }
}
