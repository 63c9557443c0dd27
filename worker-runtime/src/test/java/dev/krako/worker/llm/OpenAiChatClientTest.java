package dev.krako.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The client's side of the wire: what it sends, and how it reads every kind of answer. */
class OpenAiChatClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ChatRequest REQUEST =
      new ChatRequest(
          "llama-3-8b", List.of(ChatMessage.system("be brief"), ChatMessage.user("hi")), 25);

  @Test
  void postsTheOpenAiRequestWithTemperatureZero() throws IOException {
    try (RecordingPod pod = RecordingPod.completing("{}", 3, 4)) {
      client(pod.baseUrl(), null).complete(REQUEST);

      RecordingPod.Received sent = pod.last();
      assertThat(sent.method()).isEqualTo("POST");
      assertThat(sent.path()).isEqualTo("/v1/chat/completions");
      assertThat(sent.header("Content-Type")).isEqualTo("application/json");
      assertThat(sent.header("Authorization")).isNull();
      assertThat(JSON.readTree(sent.body()))
          .isEqualTo(
              JSON.readTree(
                  "{\"model\":\"llama-3-8b\",\"messages\":[{\"role\":\"system\",\"content\":\"be"
                      + " brief\"},{\"role\":\"user\",\"content\":\"hi\"}],\"max_tokens\":25,"
                      + "\"temperature\":0}"));
    }
  }

  @Test
  void leavesMaxTokensOutWhenThereIsNoCap() throws IOException {
    try (RecordingPod pod = RecordingPod.completing("{}", 3, 4)) {
      client(pod.baseUrl(), null)
          .complete(new ChatRequest("m", List.of(ChatMessage.user("hi")), null));

      assertThat(JSON.readTree(pod.last().body()).has("max_tokens")).isFalse();
    }
  }

  @Test
  void sendsTheKeyAsABearerToken() {
    try (RecordingPod pod = RecordingPod.completing("{}", 3, 4)) {
      client(pod.baseUrl(), "sk-test-123").complete(REQUEST);

      assertThat(pod.last().header("Authorization")).isEqualTo("Bearer sk-test-123");
    }
  }

  @Test
  void readsContentUsageModelAndFinishReason() {
    try (RecordingPod pod = RecordingPod.completing("{\"a\":1}", 12, 7)) {
      ChatResult result = client(pod.baseUrl(), null).complete(REQUEST);

      assertThat(result)
          .isEqualTo(
              new ChatResult.Answered(
                  new ChatResponse("{\"a\":1}", "recorded-model", 12, 7, "stop"),
                  result.latencyMs()));
    }
  }

  @Test
  void measuresLatencyWithTheInjectedClock() {
    AtomicLong nanos = new AtomicLong();
    try (RecordingPod pod = RecordingPod.completing("{}", 1, 1)) {
      LlmPodSettings settings = LlmPodSettings.defaults().withBaseUrl(pod.baseUrl());
      OpenAiChatClient client =
          new OpenAiChatClient(
              settings,
              OpenAiChatClient.defaultHttpClient(settings),
              () -> nanos.getAndAdd(250_000_000L));

      assertThat(client.complete(REQUEST).latencyMs()).isEqualTo(250);
    }
  }

  @Test
  void anAnswerWithoutUsageOrModelCountsNoTokensAndNamesTheRequestedModel() {
    String body = "{\"choices\":[{\"message\":{\"role\":\"assistant\",\"content\":\"x\"}}]}";
    try (RecordingPod pod = RecordingPod.answering(200, body)) {
      ChatResult result = client(pod.baseUrl(), null).complete(REQUEST);

      assertThat(((ChatResult.Answered) result).response())
          .isEqualTo(new ChatResponse("x", "llama-3-8b", 0, 0, null));
    }
  }

  @Test
  void anErrorStatusIsAnHttpFailureWithThePodsMessage() {
    String body = "{\"error\":{\"message\":\"model overloaded\",\"type\":\"server_error\"}}";
    try (RecordingPod pod = RecordingPod.answering(500, body)) {
      ChatFailure failure = failure(client(pod.baseUrl(), null).complete(REQUEST));

      assertThat(failure)
          .isEqualTo(new ChatFailure(ChatFailure.Kind.HTTP_STATUS, 500, "model overloaded"));
      assertThat(failure.describe()).isEqualTo("HTTP_STATUS 500: model overloaded");
    }
  }

  @Test
  void aLongErrorBodyIsCutTo200CodePoints() {
    try (RecordingPod pod = RecordingPod.answering(502, "x".repeat(5000))) {
      ChatFailure failure = failure(client(pod.baseUrl(), null).complete(REQUEST));

      assertThat(failure.message()).isEqualTo("x".repeat(200) + "…");
    }
  }

  @Test
  void unreadableAnswersAreInvalidResponses() {
    List<String> bodies =
        List.of(
            "not json",
            "[1,2]",
            "{\"choices\":[]}",
            "{\"choices\":[{\"message\":{\"content\":null}}]}",
            "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":-1}}",
            "{\"choices\":[{\"message\":{\"content\":\"x\"}}],\"usage\":{\"prompt_tokens\":\"3\"}}");
    for (String body : bodies) {
      try (RecordingPod pod = RecordingPod.answering(200, body)) {
        assertThat(failure(client(pod.baseUrl(), null).complete(REQUEST)).kind())
            .as(body)
            .isEqualTo(ChatFailure.Kind.INVALID_RESPONSE);
      }
    }
  }

  @Test
  void aPodThatCannotBeReachedIsATransportFailure() {
    URI closed;
    try (RecordingPod pod = RecordingPod.answering(200, "{}")) {
      closed = pod.baseUrl();
    }
    ChatFailure failure = failure(client(closed, null).complete(REQUEST));

    assertThat(failure.kind()).isEqualTo(ChatFailure.Kind.TRANSPORT);
    assertThat(failure.message()).startsWith("the pod could not be reached: ");
  }

  @Test
  void aBaseUrlEndingInV1IsNotDoubled() {
    LlmPodSettings settings = LlmPodSettings.defaults();

    assertThat(settings.withBaseUrl(URI.create("http://pod:8000")).chatCompletionsUri())
        .isEqualTo(URI.create("http://pod:8000/v1/chat/completions"));
    assertThat(settings.withBaseUrl(URI.create("https://api.example.com/v1/")).chatCompletionsUri())
        .isEqualTo(URI.create("https://api.example.com/v1/chat/completions"));
    assertThat(settings.withBaseUrl(URI.create("http://gw/llm")).chatCompletionsUri())
        .isEqualTo(URI.create("http://gw/llm/v1/chat/completions"));
  }

  @Test
  void settingsHaveDefaultsAndRejectNonsense() {
    LlmPodSettings defaults = LlmPodSettings.defaults();

    assertThat(defaults.baseUrl()).isEqualTo(URI.create("http://127.0.0.1:8000"));
    assertThat(defaults.apiKey()).isNull();
    assertThat(defaults.modelFor("large")).isEqualTo("default");
    assertThat(defaults.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(defaults.withTierModel("small", "qwen-0.5b").modelFor("small"))
        .isEqualTo("qwen-0.5b");
    assertThat(defaults.withApiKey("  ").apiKey()).isNull();
    assertThatThrownBy(() -> defaults.withTierModel("huge", "m"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withBaseUrl(URI.create("ftp://pod")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withRequestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withDefaultModel(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static OpenAiChatClient client(URI baseUrl, String apiKey) {
    return new OpenAiChatClient(
        LlmPodSettings.defaults()
            .withBaseUrl(baseUrl)
            .withApiKey(apiKey)
            .withRequestTimeout(Duration.ofSeconds(10)));
  }

  private static ChatFailure failure(ChatResult result) {
    assertThat(result).isInstanceOf(ChatResult.Failed.class);
    return ((ChatResult.Failed) result).failure();
  }
}
