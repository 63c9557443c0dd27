package dev.krako.cli.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One task as the reference executor sees it, read from the submitted document (0.1 or 1.x) by
 * {@link RefGraph}, never through Krako's parser.
 *
 * @param handler the deterministic handler, or null for an llm task
 * @param question the model input's {@code question}, for llm tasks
 * @param scriptKey the task id the pod sees (the unit id for 0.1, the prompt's task id for 1.x)
 * @param skipIfKey the top-level key of a 0.1 {@code skip_if}, or null
 * @param required the top-level keys verification requires, or null when the task is not verified
 * @param activation a 1.x escalation step's condition, or null
 */
record RefTask(
    String id,
    List<String> deps,
    String handler,
    JsonNode args,
    JsonNode in,
    String question,
    String scriptKey,
    String skipIfKey,
    JsonNode skipIfEquals,
    int maxAttempts,
    List<String> required,
    Activation activation) {

  /** {@code activation: {when, of, threshold}}. */
  record Activation(String when, String of, double threshold) {}

  boolean llm() {
    return handler == null;
  }
}
