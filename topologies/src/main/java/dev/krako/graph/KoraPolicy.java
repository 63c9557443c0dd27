package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a KORA Task IR 0.1 task's {@code policy} becomes in 1.x.
 *
 * @param maxAttempts 1 + retries when {@code on_fail} is {@code retry}, else 1
 * @param maxTokens {@code policy.budget.max_tokens}, null when absent
 * @param maxTimeMs {@code policy.budget.max_time_ms}, null when absent
 * @param adaptive {@code policy.adaptive}, null when absent; kept to be seen, never executed
 */
record KoraPolicy(int maxAttempts, Long maxTokens, Long maxTimeMs, JsonNode adaptive) {

  private static final KoraPolicy NONE = new KoraPolicy(1, null, null, null);

  /**
   * Reads {@code policy} of the task at {@code path}.
   *
   * @param defaultRetries {@code defaults.budget.max_retries}, null when absent
   */
  static KoraPolicy read(Fields fields, JsonNode task, String path, Long defaultRetries) {
    Optional<JsonNode> policy = fields.optionalObject(task, "policy", path);
    if (policy.isEmpty()) {
      return NONE;
    }
    String at = path + ".policy";
    KoraBudget budget =
        fields
            .optionalObject(policy.get(), "budget", at)
            .map(b -> KoraBudget.read(fields, b, at + ".budget", false))
            .orElse(KoraBudget.NONE);
    boolean retry = retriesOnFailure(fields, policy.get(), at);
    JsonNode adaptive = fields.optionalObject(policy.get(), "adaptive", at).orElse(null);
    Long retries = budget.maxRetries() != null ? budget.maxRetries() : defaultRetries;
    // KORA: 1 + max(0, retries), and only for on_fail retry.
    int attempts = retry && retries != null ? 1 + (int) Math.max(0, retries) : 1;
    return new KoraPolicy(attempts, budget.maxTokens(), budget.maxTimeMs(), adaptive);
  }

  /** Whether {@code on_fail} asks for retries; {@code fail} (the default) and escalate do not. */
  private static boolean retriesOnFailure(Fields fields, JsonNode policy, String path) {
    Optional<String> onFail = fields.optionalText(policy, "on_fail", path);
    if (onFail.isEmpty()) {
      return false;
    }
    return switch (onFail.get()) {
      case "retry" -> true;
      // escalate: KORA ends the task with ESCALATE_REQUIRED at once, and Krako ends the session.
      case "fail", "escalate" -> false;
      default -> {
        fields.add(
            ViolationCode.WRONG_TYPE,
            path + ".on_fail",
            "expected fail, retry or escalate, found \"" + onFail.get() + "\"");
        yield false;
      }
    };
  }
}
