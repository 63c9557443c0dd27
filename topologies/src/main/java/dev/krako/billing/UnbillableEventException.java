package dev.krako.billing;

/**
 * A billable event that cannot be billed as it stands: a missing tenant, session or unit, a
 * negative quantity, no price book in force. It is not skipped silently: the topology lets it reach
 * the processing exception handler, which sends the event to the dead-letter topic with its
 * coordinates, and billing goes on.
 */
public final class UnbillableEventException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  public UnbillableEventException(String message) {
    super(message);
  }
}
