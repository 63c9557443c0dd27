package dev.krako.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.ModelCall;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Reply;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Script;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How an llm unit's attempt ends, over real HTTP to the simulated pod (or a recording one). */
class LlmExecutorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void aKoraUnitCompletesWithKorasMockAnswerUsageAndOneModelCall() throws IOException {
    try (SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0)) {
      Outcome outcome = executor(pod.baseUrl()).execute(LlmTasks.kora("task_llm", "q"));

      Outcome.Completed done = completed(outcome);
      assertThat(done.outputJson())
          .isEqualTo(
              "{\"status\":\"ok\",\"task_id\":\"task_llm\",\"answer\":\"Mock answer for: q\"}");
      assertThat(done.usage()).isEqualTo(new ExecutionUsage(0, 1, 40, 1));
      ModelCall call = done.modelCalls().get(0);
      assertThat(done.modelCalls()).hasSize(1);
      assertThat(call)
          .isEqualTo(new ModelCall("krako-simulated-llm", "medium", call.latencyMs(), 1, 40, null));
      assertThat(call.latencyMs()).isNotNegative();
    }
  }

  @Test
  void aKoraUnitSendsTheTaskIdAndTheRunInputNotTheUnitInput() throws IOException {
    try (RecordingPod pod = RecordingPod.completing("{\"status\":\"ok\"}", 1, 1)) {
      executor(pod.baseUrl()).execute(LlmTasks.kora("task_llm", "why?"));

      JsonNode messages = JSON.readTree(pod.last().body()).get("messages");
      assertThat(messages).hasSize(2);
      assertThat(messages.get(0).get("role").asText()).isEqualTo("system");
      assertThat(messages.get(0).get("content").asText()).isEqualTo(UnitPrompt.INSTRUCTIONS);
      assertThat(messages.get(1).get("role").asText()).isEqualTo("user");
      assertThat(messages.get(1).get("content").asText())
          .isEqualTo("{\"task_id\":\"task_llm\",\"input\":{\"question\":\"why?\"}}");
    }
  }

  @Test
  void theSystemMessageCarriesTheOutputSchema() throws IOException {
    String schema = "{\"type\":\"object\",\"required\":[\"answer\"]}";
    try (RecordingPod pod = RecordingPod.completing("{\"answer\":\"x\"}", 1, 1)) {
      executor(pod.baseUrl())
          .execute(
              LlmTasks.task("u", "{\"tier\":\"small\",\"prompt\":\"hi\"}", "schema", schema, null));

      String system = JSON.readTree(pod.last().body()).at("/messages/0/content").asText();
      assertThat(system)
          .isEqualTo(
              UnitPrompt.INSTRUCTIONS + " The object must match this JSON Schema: " + schema);
    }
  }

  @Test
  void aOneXPromptUsesTheTiersModelAndGetsTheGenericAnswer() throws IOException {
    LlmPodSettings settings = LlmPodSettings.defaults().withTierModel("small", "qwen-0.5b");
    try (RecordingPod pod = RecordingPod.completing("{\"status\":\"ok\"}", 5, 6)) {
      new LlmExecutor(client(settings.withBaseUrl(pod.baseUrl())), settings)
          .execute(
              LlmTasks.task("u", "{\"tier\":\"small\",\"prompt\":\"hi\"}", "none", null, null));

      JsonNode body = JSON.readTree(pod.last().body());
      assertThat(body.get("model").asText()).isEqualTo("qwen-0.5b");
      assertThat(body.at("/messages/1/content").asText()).isEqualTo("hi");
      assertThat(body.get("temperature").asInt()).isZero();
    }
    try (SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0)) {
      Outcome.Completed done =
          completed(
              executor(pod.baseUrl())
                  .execute(
                      LlmTasks.task(
                          "u", "{\"tier\":\"large\",\"prompt\":\"hello\"}", "none", null, null)));
      assertThat(done.outputJson())
          .isEqualTo("{\"status\":\"ok\",\"answer\":\"Simulated answer for: hello\"}");
      assertThat(done.modelCalls().get(0).tier()).isEqualTo("large");
    }
  }

  @Test
  void theUnitsModelAndMessagesAreSentAsGivenAfterKrakosSystemMessage() throws IOException {
    String run =
        "{\"tier\":\"medium\",\"model\":\"gpt-x\",\"messages\":[{\"role\":\"system\",\"content\":"
            + "\"be terse\"},{\"role\":\"user\",\"content\":\"hi\"}],\"prompt\":\"and then?\"}";
    try (RecordingPod pod = RecordingPod.completing("{}", 1, 1)) {
      executor(pod.baseUrl()).execute(LlmTasks.task("u", run, "none", null, null));

      JsonNode body = JSON.readTree(pod.last().body());
      assertThat(body.get("model").asText()).isEqualTo("gpt-x");
      assertThat(body.get("messages")).hasSize(4);
      assertThat(body.at("/messages/1/content").asText()).isEqualTo("be terse");
      assertThat(body.at("/messages/2/content").asText()).isEqualTo("hi");
      assertThat(body.at("/messages/3/content").asText()).isEqualTo("and then?");
    }
  }

  @Test
  void maxTokensIsTheSmallerOfTheRunsCapAndTheTokenGrant() {
    try (SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0)) {
      LlmExecutor executor = executor(pod.baseUrl());
      String capped = "{\"tier\":\"small\",\"prompt\":\"hi\",\"max_tokens\":30}";
      String uncapped = "{\"tier\":\"small\",\"prompt\":\"hi\"}";

      assertThat(tokensOut(executor.execute(LlmTasks.task("u", capped, "none", null, 10L))))
          .isEqualTo(10);
      assertThat(tokensOut(executor.execute(LlmTasks.task("u", capped, "none", null, 400L))))
          .isEqualTo(30);
      assertThat(tokensOut(executor.execute(LlmTasks.task("u", capped, "none", null, null))))
          .isEqualTo(30);
      assertThat(tokensOut(executor.execute(LlmTasks.task("u", uncapped, "none", null, 25L))))
          .isEqualTo(25);
      assertThat(tokensOut(executor.execute(LlmTasks.task("u", uncapped, "none", null, null))))
          .isEqualTo(40);
    }
  }

  @Test
  void aZeroTokenGrantMakesNoCall() {
    try (SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0)) {
      Outcome outcome =
          executor(pod.baseUrl())
              .execute(
                  LlmTasks.task("u", "{\"tier\":\"small\",\"prompt\":\"hi\"}", "none", null, 0L));

      assertThat(failed(outcome).errorCode()).isEqualTo(LlmExecutor.RUN_INVALID);
      assertThat(outcome.modelCalls()).isEmpty();
      assertThat(outcome.usage()).isEqualTo(ExecutionUsage.cpu(0));
      assertThat(pod.requestCount()).isZero();
    }
  }

  @Test
  void aRunThatCannotBecomeARequestIsRunInvalid() {
    try (SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0)) {
      LlmExecutor executor = executor(pod.baseUrl());
      for (String run :
          new String[] {
            "not json",
            "[]",
            "{\"prompt\":\"no tier\"}",
            "{\"tier\":\"huge\",\"prompt\":\"x\"}",
            "{\"tier\":\"small\"}",
            "{\"tier\":\"small\",\"prompt\":3}",
            "{\"tier\":\"small\",\"messages\":[{\"role\":\"user\"}]}",
            "{\"tier\":\"small\",\"prompt\":\"x\",\"max_tokens\":-1}"
          }) {
        Outcome.Failed failed =
            failed(executor.execute(LlmTasks.task("u", run, "none", null, null)));
        assertThat(failed.errorCode()).as(run).isEqualTo(LlmExecutor.RUN_INVALID);
        assertThat(failed.modelCalls()).as(run).isEmpty();
      }
      assertThat(pod.requestCount()).isZero();
    }
  }

  @Test
  void aServerErrorIsLlmCallFailedWithTheModelCallsError() {
    Script script = Script.allValid().forTask("task_llm", Reply.fail(500));
    try (SimulatedLlmPod pod = SimulatedLlmPod.builder().script(script).start("127.0.0.1", 0)) {
      Outcome.Failed failed =
          failed(executor(pod.baseUrl()).execute(LlmTasks.kora("task_llm", "q")));

      assertThat(failed.errorCode()).isEqualTo("LLM_CALL_FAILED");
      assertThat(failed.message()).startsWith("the model call failed: HTTP_STATUS 500: ");
      assertThat(failed.usage()).isEqualTo(new ExecutionUsage(0, 0, 0, 1));
      ModelCall call = failed.modelCalls().get(0);
      assertThat(call.model()).isEqualTo("default");
      assertThat(call.tier()).isEqualTo("medium");
      assertThat(call.tokensIn()).isZero();
      assertThat(call.error()).startsWith("HTTP_STATUS 500: ");
    }
  }

  @Test
  void aTimeoutIsLlmCallFailed() {
    Script script = Script.allValid().byDefault(Reply.slow(Duration.ofSeconds(30)));
    try (SimulatedLlmPod pod = SimulatedLlmPod.builder().script(script).start("127.0.0.1", 0)) {
      LlmPodSettings settings =
          LlmPodSettings.defaults()
              .withBaseUrl(pod.baseUrl())
              .withRequestTimeout(Duration.ofMillis(300));
      Outcome.Failed failed =
          failed(new LlmExecutor(client(settings), settings).execute(LlmTasks.kora("t", "q")));

      assertThat(failed.errorCode()).isEqualTo(LlmExecutor.CALL_FAILED);
      assertThat(failed.modelCalls().get(0).error()).isEqualTo("TIMEOUT: no answer within 300 ms");
    }
  }

  @Test
  void anUnreachablePodIsLlmCallFailed() {
    URI gone;
    try (SimulatedLlmPod pod = SimulatedLlmPod.start("127.0.0.1", 0)) {
      gone = pod.baseUrl();
    }
    Outcome.Failed failed = failed(executor(gone).execute(LlmTasks.kora("t", "q")));

    assertThat(failed.errorCode()).isEqualTo(LlmExecutor.CALL_FAILED);
    assertThat(failed.modelCalls().get(0).error()).startsWith("TRANSPORT: ");
  }

  @Test
  void contentThatIsNotAJsonObjectIsWrappedAsTheAnswer() {
    Script script = Script.allValid().forTask("task_llm", Reply.malformed());
    try (SimulatedLlmPod pod = SimulatedLlmPod.builder().script(script).start("127.0.0.1", 0)) {
      Outcome.Completed done =
          completed(executor(pod.baseUrl()).execute(LlmTasks.kora("task_llm", "q")));

      assertThat(done.outputJson())
          .isEqualTo(
              "{\"status\":\"ok\",\"task_id\":\"task_llm\",\"answer\":\"Mock answer for: q\"}");
      assertThat(done.usage().tokensOut()).isEqualTo(40);
    }
  }

  @Test
  void repliesBecomeOutputsByTheWrappingRule() {
    assertThat(UnitAnswer.output("{\"a\":1}", "u")).isEqualTo("{\"a\":1}");
    assertThat(UnitAnswer.output("  {\"a\" : 1}\n", "u")).isEqualTo("{\"a\":1}");
    assertThat(UnitAnswer.output("```json\n{\"a\":1}\n```", "u")).isEqualTo("{\"a\":1}");
    assertThat(UnitAnswer.output("[1]", "u"))
        .isEqualTo("{\"status\":\"ok\",\"task_id\":\"u\",\"answer\":\"[1]\"}");
    assertThat(UnitAnswer.output("\"text\"", "u"))
        .isEqualTo("{\"status\":\"ok\",\"task_id\":\"u\",\"answer\":\"\\\"text\\\"\"}");
    assertThat(UnitAnswer.output("{\"a\":1} and more", "u"))
        .isEqualTo("{\"status\":\"ok\",\"task_id\":\"u\",\"answer\":\"{\\\"a\\\":1} and more\"}");
    assertThat(UnitAnswer.output("{\"a\":1,\"a\":2}", "u")).contains("\"answer\":");
    assertThat(UnitAnswer.output("", "u"))
        .isEqualTo("{\"status\":\"ok\",\"task_id\":\"u\",\"answer\":\"\"}");
  }

  @Test
  void lowConfidenceIsPassedOnInTheOutput() throws IOException {
    Script script = Script.allValid().forTask("task_llm", Reply.lowConfidence(0.4));
    try (SimulatedLlmPod pod = SimulatedLlmPod.builder().script(script).start("127.0.0.1", 0)) {
      Outcome.Completed done =
          completed(executor(pod.baseUrl()).execute(LlmTasks.kora("task_llm", "q")));

      assertThat(JSON.readTree(done.outputJson()).get("confidence").asDouble()).isEqualTo(0.4);
    }
  }

  private static LlmExecutor executor(URI baseUrl) {
    LlmPodSettings settings =
        LlmPodSettings.defaults().withBaseUrl(baseUrl).withRequestTimeout(Duration.ofSeconds(10));
    return new LlmExecutor(client(settings), settings);
  }

  private static OpenAiChatClient client(LlmPodSettings settings) {
    return new OpenAiChatClient(settings);
  }

  private static long tokensOut(Outcome outcome) {
    return completed(outcome).usage().tokensOut();
  }

  static Outcome.Completed completed(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Completed.class);
    return (Outcome.Completed) outcome;
  }

  static Outcome.Failed failed(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Failed.class);
    return (Outcome.Failed) outcome;
  }
}
