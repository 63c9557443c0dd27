package dev.krako.session;

import java.util.List;
import java.util.Optional;

/**
 * The outcome of one input: the session's next state (empty when nothing changed, e.g. a duplicate
 * event) and the effects to carry out.
 */
public record Decision(Optional<Session> next, List<Effect> effects) {

  public Decision {
    effects = List.copyOf(effects);
  }

  /** Nothing changes: the input was a duplicate, late, or for an ended session. */
  public static Decision unchanged() {
    return new Decision(Optional.empty(), List.of());
  }

  public static Decision of(Session next, List<Effect> effects) {
    return new Decision(Optional.of(next), effects);
  }
}
