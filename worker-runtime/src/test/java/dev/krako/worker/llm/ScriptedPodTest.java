package dev.krako.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Reply;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Script;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each scripted reply of the simulated pod, as the client sees it. */
class ScriptedPodTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void validIsKorasMockAnswer() throws IOException {
    ChatResponse response = answered(Script.allValid().forTask("t1", Reply.valid()), "t1");

    assertThat(JSON.readTree(response.content()).get("answer").asText())
        .isEqualTo("Mock answer for: q");
  }

  @Test
  void malformedIsTheAnswerTextNotJson() {
    ChatResponse response = answered(Script.allValid().forTask("t1", Reply.malformed()), "t1");

    assertThat(response.content()).isEqualTo("Mock answer for: q");
    assertThat(parses(response.content())).isFalse();
    assertThat(response.completionTokens()).isEqualTo(40);
  }

  @Test
  void lowConfidenceAddsTheConfidence() throws IOException {
    ChatResponse response =
        answered(Script.allValid().forTask("t1", Reply.lowConfidence(0.25)), "t1");

    JsonNode content = JSON.readTree(response.content());
    assertThat(content.get("confidence").asDouble()).isEqualTo(0.25);
    assertThat(content.get("answer").asText()).isEqualTo("Mock answer for: q");
  }

  @Test
  void failAnswersWithTheStatus() {
    ChatFailure failure = failed(Script.allValid().forTask("t1", Reply.fail(503)), "t1", 10);

    assertThat(failure.kind()).isEqualTo(ChatFailure.Kind.HTTP_STATUS);
    assertThat(failure.httpStatus()).isEqualTo(503);
    assertThat(failure.message()).contains("scripted failure");
  }

  @Test
  void slowBeyondTheTimeoutIsATimeout() {
    ChatFailure failure =
        failed(Script.allValid().byDefault(Reply.slow(Duration.ofSeconds(30))), "t1", 1);

    assertThat(failure.kind()).isEqualTo(ChatFailure.Kind.TIMEOUT);
    assertThat(failure.message()).isEqualTo("no answer within 1000 ms");
  }

  @Test
  void slowWithinTheTimeoutIsAnswered() {
    ChatResponse response =
        answered(Script.allValid().forTask("t1", Reply.slow(Duration.ofMillis(100))), "t1");

    assertThat(response.completionTokens()).isEqualTo(40);
  }

  @Test
  void theDefaultReplyCoversOtherTasksAndGenericPrompts() {
    Script script = Script.allValid().forTask("t1", Reply.valid()).byDefault(Reply.fail(500));

    assertThat(answered(script, "t1").promptTokens()).isEqualTo(1);
    assertThat(failed(script, "t2", 10).httpStatus()).isEqualTo(500);
    try (SimulatedLlmPod pod = SimulatedLlmPod.builder().script(script).start("127.0.0.1", 0)) {
      ChatResult generic =
          client(pod, 10).complete(new ChatRequest("m", List.of(ChatMessage.user("hi")), null));
      assertThat(generic).isInstanceOf(ChatResult.Failed.class);
    }
  }

  private static ChatResponse answered(Script script, String taskId) {
    ChatResult result = call(script, taskId, 10);
    assertThat(result).isInstanceOf(ChatResult.Answered.class);
    return ((ChatResult.Answered) result).response();
  }

  private static ChatFailure failed(Script script, String taskId, int timeoutSeconds) {
    ChatResult result = call(script, taskId, timeoutSeconds);
    assertThat(result).isInstanceOf(ChatResult.Failed.class);
    return ((ChatResult.Failed) result).failure();
  }

  private static ChatResult call(Script script, String taskId, int timeoutSeconds) {
    try (SimulatedLlmPod pod = SimulatedLlmPod.builder().script(script).start("127.0.0.1", 0)) {
      String user = "{\"task_id\":\"" + taskId + "\",\"input\":{\"question\":\"q\"}}";
      return client(pod, timeoutSeconds)
          .complete(new ChatRequest("m", List.of(ChatMessage.user(user)), null));
    }
  }

  private static OpenAiChatClient client(SimulatedLlmPod pod, int timeoutSeconds) {
    return new OpenAiChatClient(
        LlmPodSettings.defaults()
            .withBaseUrl(pod.baseUrl())
            .withRequestTimeout(Duration.ofSeconds(timeoutSeconds)));
  }

  private static boolean parses(String text) {
    try {
      JSON.readTree(text);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
