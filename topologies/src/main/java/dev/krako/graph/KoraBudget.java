package dev.krako.graph;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A KORA Task IR 0.1 budget object, {@code defaults.budget} or a task's {@code policy.budget}. Each
 * field is null when absent or unreadable (the violation is then already reported).
 *
 * @param maxRetries any integer: KORA reads a negative one as 0
 */
record KoraBudget(Long maxTimeMs, Long maxTokens, Long maxRetries) {

  static final KoraBudget NONE = new KoraBudget(null, null, null);

  // maxAttempts = 1 + retries is an int; more retries than that are a typo, not a budget.
  private static final long MAX_RETRIES = Integer.MAX_VALUE - 1L;

  /**
   * Reads a budget object at {@code path}.
   *
   * @param limitsRequired whether {@code max_time_ms} and {@code max_tokens} must be present
   */
  static KoraBudget read(Fields fields, JsonNode budget, String path, boolean limitsRequired) {
    Long time = limit(fields, budget, "max_time_ms", path, limitsRequired);
    Long tokens = limit(fields, budget, "max_tokens", path, limitsRequired);
    Long retries = KoraFields.optionalLong(fields, budget, "max_retries", path);
    if (retries != null && retries > MAX_RETRIES) {
      fields.add(
          ViolationCode.WRONG_TYPE,
          path + ".max_retries",
          "must be at most " + MAX_RETRIES + ", found " + retries);
      retries = null;
    }
    return new KoraBudget(time, tokens, retries);
  }

  private static Long limit(
      Fields fields, JsonNode budget, String name, String path, boolean required) {
    if (!required && !budget.hasNonNull(name)) {
      return null;
    }
    return fields.nonNegativeLong(budget, name, path, ViolationCode.NEGATIVE_BUDGET).orElse(null);
  }
}
