package dev.krako.worker.llm;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a worker of the LLM pool reaches its pod: the pod's OpenAI-compatible endpoint, the key it
 * sends, the model it asks for at each tier, and how long it waits for an answer.
 *
 * <p>The API key is a secret: it is sent only as {@code Authorization: Bearer <key>}, and {@link
 * #toString()} never shows it.
 *
 * @param baseUrl the pod's address, e.g. {@code http://127.0.0.1:8000}; requests go to {@code
 *     <baseUrl>/v1/chat/completions} (a base URL that already ends in {@code /v1} is not doubled)
 * @param apiKey the bearer key, or null to send no {@code Authorization} header (a blank key reads
 *     as null)
 * @param modelsByTier the model name to ask for at each tier ({@code small}, {@code medium}, {@code
 *     large}); a tier without an entry uses {@code defaultModel}
 * @param defaultModel the model of the tiers that {@code modelsByTier} does not name
 * @param requestTimeout how long one call may wait for the pod's answer
 */
public record LlmPodSettings(
    URI baseUrl,
    String apiKey,
    Map<String, String> modelsByTier,
    String defaultModel,
    Duration requestTimeout) {

  /** The tiers a unit may declare (CONTRACT.md section 3). */
  public static final Set<String> TIERS = Set.of("small", "medium", "large");

  /** vLLM's default address. */
  public static final URI DEFAULT_BASE_URL = URI.create("http://127.0.0.1:8000");

  /**
   * A placeholder: a pod that serves one model (llama.cpp) ignores it, vLLM needs the real name.
   */
  public static final String DEFAULT_MODEL = "default";

  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private static final String CHAT_COMPLETIONS = "/v1/chat/completions";

  public LlmPodSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    boolean web = "http".equals(baseUrl.getScheme()) || "https".equals(baseUrl.getScheme());
    if (!web || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "The LLM pod's base URL must be an http or https URL with a host, not " + baseUrl);
    }
    apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    if (apiKey != null && apiKey.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      // The message must not quote the key: it is a secret.
      throw new IllegalArgumentException(
          "The LLM pod's API key contains a space or a control character.");
    }
    modelsByTier = Map.copyOf(modelsByTier);
    modelsByTier.forEach(LlmPodSettings::checkTierModel);
    if (defaultModel == null || defaultModel.isBlank()) {
      throw new IllegalArgumentException("The default model name must not be empty.");
    }
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("The request timeout must be positive.");
    }
  }

  /** {@value #DEFAULT_MODEL} at every tier on {@link #DEFAULT_BASE_URL}, no key, 60 s. */
  public static LlmPodSettings defaults() {
    return new LlmPodSettings(
        DEFAULT_BASE_URL, null, Map.of(), DEFAULT_MODEL, DEFAULT_REQUEST_TIMEOUT);
  }

  public LlmPodSettings withBaseUrl(URI url) {
    return new LlmPodSettings(url, apiKey, modelsByTier, defaultModel, requestTimeout);
  }

  public LlmPodSettings withApiKey(String key) {
    return new LlmPodSettings(baseUrl, key, modelsByTier, defaultModel, requestTimeout);
  }

  public LlmPodSettings withTierModel(String tier, String model) {
    Map<String, String> models = new LinkedHashMap<>(modelsByTier);
    models.put(tier, model);
    return new LlmPodSettings(baseUrl, apiKey, models, defaultModel, requestTimeout);
  }

  public LlmPodSettings withDefaultModel(String model) {
    return new LlmPodSettings(baseUrl, apiKey, modelsByTier, model, requestTimeout);
  }

  public LlmPodSettings withRequestTimeout(Duration timeout) {
    return new LlmPodSettings(baseUrl, apiKey, modelsByTier, defaultModel, timeout);
  }

  /** The model to ask for at this tier. */
  public String modelFor(String tier) {
    return modelsByTier.getOrDefault(tier, defaultModel);
  }

  /** Where chat completions are posted. */
  public URI chatCompletionsUri() {
    String base = baseUrl.toString().replaceAll("/+$", "");
    return URI.create(
        base.endsWith("/v1") ? base + CHAT_COMPLETIONS.substring(3) : base + CHAT_COMPLETIONS);
  }

  /** The settings without the key: safe to log. */
  @Override
  public String toString() {
    return "LlmPodSettings[baseUrl="
        + baseUrl
        + ", apiKey="
        + (apiKey == null ? "(none)" : "(set, redacted)")
        + ", modelsByTier="
        + modelsByTier
        + ", defaultModel="
        + defaultModel
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }

  private static void checkTierModel(String tier, String model) {
    if (!TIERS.contains(tier)) {
      throw new IllegalArgumentException(
          "Models are configured per tier small, medium or large, not \"" + tier + "\".");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("The model of tier " + tier + " must not be empty.");
    }
  }
}
