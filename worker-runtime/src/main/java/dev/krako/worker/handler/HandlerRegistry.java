package dev.krako.worker.handler;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The deterministic handlers a worker can run, by name: an immutable value.
 *
 * <p>{@link #koraDefaults()} holds KORA's own handlers: {@code echo}, {@code classify_simple},
 * {@code parse_request_constraints}, {@code quality_gate}, {@code classify_by_rules} and {@code
 * flaky_once}, with the semantics of KORA's local executor.
 *
 * <p>To add a handler:
 *
 * <ol>
 *   <li>Implement {@link DeterministicHandler} in one small final class: {@code name()} returns the
 *       value graphs put in {@code run.spec.handler}; {@code handle} is a pure function of the
 *       {@link HandlerInvocation} (no clock, environment, randomness or own state: a retry, a
 *       replay or another worker must get the same answer) that starts its output with {@link
 *       OkOutput#forUnit OkOutput.forUnit(workUnitId)}, so that {@code status} and {@code task_id}
 *       come first, and throws {@link HandlerFailure} for its own failures.
 *   <li>Register it: {@code HandlerRegistry.koraDefaults().with(new MyHandler())}. {@code with}
 *       returns a new registry and rejects a name that is already taken, so a graph's handler name
 *       always means one thing.
 * </ol>
 */
public final class HandlerRegistry {

  private static final HandlerRegistry KORA_DEFAULTS =
      new HandlerRegistry(Map.of())
          .with(new EchoHandler())
          .with(new ClassifySimpleHandler())
          .with(new ParseRequestConstraintsHandler())
          .with(new QualityGateHandler())
          .with(new ClassifyByRulesHandler())
          .with(new FlakyOnceHandler());

  private final Map<String, DeterministicHandler> byName;

  private HandlerRegistry(Map<String, DeterministicHandler> byName) {
    // Sorted, so that names() is in a stable order whatever the registration order was.
    this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
  }

  /** A registry with no handler. */
  public static HandlerRegistry empty() {
    return new HandlerRegistry(Map.of());
  }

  /** A registry with all of KORA's deterministic handlers. */
  public static HandlerRegistry koraDefaults() {
    return KORA_DEFAULTS;
  }

  /**
   * Returns a new registry holding this one's handlers and {@code handler}; this one is unchanged.
   *
   * @throws IllegalArgumentException if the name is blank or already registered
   */
  public HandlerRegistry with(DeterministicHandler handler) {
    String name = Objects.requireNonNull(handler, "handler").name();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("A handler needs a non-blank name: " + handler);
    }
    if (byName.containsKey(name)) {
      throw new IllegalArgumentException("A handler named '" + name + "' is already registered.");
    }
    Map<String, DeterministicHandler> next = new TreeMap<>(byName);
    next.put(name, handler);
    return new HandlerRegistry(next);
  }

  /** The handler registered under {@code name}; empty for an unknown name or {@code null}. */
  public Optional<DeterministicHandler> find(String name) {
    return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
  }

  /** The registered names, unmodifiable, in code-point order. */
  public Set<String> names() {
    return byName.keySet();
  }

  @Override
  public String toString() {
    return "HandlerRegistry" + names();
  }
}
