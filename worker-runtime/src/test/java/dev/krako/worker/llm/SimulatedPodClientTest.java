package dev.krako.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client and the simulated pod over real loopback HTTP: KORA's mock numbers exactly. */
class SimulatedPodClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private SimulatedLlmPod pod;
  private OpenAiChatClient client;

  @BeforeEach
  void start() {
    pod = SimulatedLlmPod.start("127.0.0.1", 0);
    client =
        new OpenAiChatClient(
            LlmPodSettings.defaults()
                .withBaseUrl(pod.baseUrl())
                .withRequestTimeout(Duration.ofSeconds(10)));
  }

  @AfterEach
  void stop() {
    pod.close();
  }

  @Test
  void aKoraQuestionGetsKorasMockAnswerAndTokenCounts() throws IOException {
    ChatResponse response = answer(kora("task_llm", "q"), null);

    assertThat(JSON.readTree(response.content()))
        .isEqualTo(
            JSON.readTree(
                "{\"status\":\"ok\",\"task_id\":\"task_llm\",\"answer\":\"Mock answer for: q\"}"));
    assertThat(response.content()).startsWith("{\"status\":\"ok\",\"task_id\":\"task_llm\",");
    assertThat(response.promptTokens()).isEqualTo(1);
    assertThat(response.completionTokens()).isEqualTo(40);
    assertThat(response.model()).isEqualTo(SimulatedLlmPod.MODEL);
    assertThat(response.finishReason()).isEqualTo("stop");
  }

  @Test
  void promptTokensAreAQuarterOfTheQuestionsCodePointsRoundedDownAndAtLeastOne() {
    assertThat(answer(kora("t", "abc"), null).promptTokens()).isEqualTo(1);
    assertThat(answer(kora("t", "abcdefg"), null).promptTokens()).isEqualTo(1);
    assertThat(answer(kora("t", "abcdefgh"), null).promptTokens()).isEqualTo(2);
    assertThat(answer(kora("t", ""), null).promptTokens()).isEqualTo(1);
  }

  @Test
  void aLongQuestionCountsAstralCharactersAsOneCodePointAndIsCutAtEighty() throws IOException {
    String question = "a😀".repeat(200); // 400 code points, 600 UTF-16 chars
    ChatResponse response = answer(kora("task_llm", question), null);

    assertThat(response.promptTokens()).isEqualTo(100);
    assertThat(response.completionTokens()).isEqualTo(40);
    assertThat(JSON.readTree(response.content()).get("answer").asText())
        .isEqualTo("Mock answer for: " + "a😀".repeat(40));
  }

  @Test
  void anyOtherPromptGetsTheGenericAnswerCountedOnThePrompt() throws IOException {
    String prompt = "Summarise the quarterly report in one line.";
    ChatResponse response = answer(List.of(ChatMessage.user(prompt)), null);

    assertThat(JSON.readTree(response.content()))
        .isEqualTo(
            JSON.createObjectNode()
                .put("status", "ok")
                .put("answer", "Simulated answer for: " + prompt));
    assertThat(response.promptTokens()).isEqualTo(prompt.length() / 4);
    assertThat(response.completionTokens()).isEqualTo(40);
  }

  @Test
  void theLastUserMessageIsThePrompt() throws IOException {
    ChatResponse response =
        answer(
            List.of(
                ChatMessage.user("first"),
                new ChatMessage("assistant", "ok"),
                ChatMessage.user("second")),
            null);

    assertThat(JSON.readTree(response.content()).get("answer").asText())
        .isEqualTo("Simulated answer for: second");
  }

  @Test
  void maxTokensBelowFortyCutsTheCompletionAndKeepsOneJsonObject() throws IOException {
    ChatResponse full = answer(kora("task_llm", "what is the capital of France?"), null);
    ChatResponse cut = answer(kora("task_llm", "what is the capital of France?"), 10);

    assertThat(cut.completionTokens()).isEqualTo(10);
    assertThat(cut.finishReason()).isEqualTo("length");
    assertThat(cut.promptTokens()).isEqualTo(full.promptTokens());
    JsonNode object = JSON.readTree(cut.content());
    assertThat(object.isObject()).isTrue();
    assertThat(object.get("status").asText()).isEqualTo("ok");
    assertThat(object.get("task_id").asText()).isEqualTo("task_llm");
    String fullAnswer = JSON.readTree(full.content()).get("answer").asText();
    assertThat(object.get("answer").asText())
        .isEqualTo(fullAnswer.substring(0, fullAnswer.length() * 10 / 40));
  }

  @Test
  void maxTokensOfFortyOrMoreChangesNothing() {
    ChatResponse at40 = answer(kora("t", "q"), 40);
    ChatResponse at500 = answer(kora("t", "q"), 500);

    assertThat(at40.completionTokens()).isEqualTo(40);
    assertThat(at40.finishReason()).isEqualTo("stop");
    assertThat(at500.content()).isEqualTo(at40.content());
  }

  @Test
  void theSameRequestGetsTheSameAnswer() {
    assertThat(answer(kora("t", "same"), null)).isEqualTo(answer(kora("t", "same"), null));
  }

  @Test
  void everyResponseIsLabelledAsTheSimulator() throws Exception {
    HttpResponse<String> ok =
        raw(
            "POST",
            "/v1/chat/completions",
            "{\"model\":\"m\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    HttpResponse<String> notFound = raw("GET", "/v1/models", null);

    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.headers().firstValue(SimulatedLlmPod.SIMULATOR_HEADER)).contains("true");
    assertThat(JSON.readTree(ok.body()).get("model").asText()).isEqualTo("krako-simulated-llm");
    assertThat(notFound.headers().firstValue(SimulatedLlmPod.SIMULATOR_HEADER)).contains("true");
  }

  @Test
  void otherPathsAre404AndOtherMethods405() throws Exception {
    assertThat(raw("POST", "/v1/completions", "{}").statusCode()).isEqualTo(404);
    HttpResponse<String> get = raw("GET", "/v1/chat/completions", null);
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).contains("POST");
  }

  @Test
  void aBadRequestIs400AndTheClientReportsItsStatusAndMessage() throws Exception {
    assertThat(raw("POST", "/v1/chat/completions", "not json").statusCode()).isEqualTo(400);
    assertThat(raw("POST", "/v1/chat/completions", "{\"messages\":[]}").statusCode())
        .isEqualTo(400);

    ChatResult result =
        client.complete(new ChatRequest("m", List.of(ChatMessage.system("no user here")), null));

    assertThat(result).isInstanceOf(ChatResult.Failed.class);
    ChatFailure failure = ((ChatResult.Failed) result).failure();
    assertThat(failure.kind()).isEqualTo(ChatFailure.Kind.HTTP_STATUS);
    assertThat(failure.httpStatus()).isEqualTo(400);
    assertThat(failure.message()).isEqualTo("the request has no user message");
  }

  @Test
  void aBodyAboveOneMebibyteIs413() throws Exception {
    // Declares a 2 MiB body and sends none of it: the pod must answer without reading it.
    URI base = pod.baseUrl();
    try (Socket socket = new Socket(base.getHost(), base.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  + "Content-Length: "
                  + (2 * 1024 * 1024)
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertThat(statusLine).isEqualTo("HTTP/1.1 413");
    }
  }

  private ChatResponse answer(List<ChatMessage> messages, Integer maxTokens) {
    ChatResult result = client.complete(new ChatRequest("any-model", messages, maxTokens));
    assertThat(result).isInstanceOf(ChatResult.Answered.class);
    return ((ChatResult.Answered) result).response();
  }

  private static List<ChatMessage> kora(String taskId, String question) {
    String user =
        JSON.createObjectNode()
            .put("task_id", taskId)
            .set("input", JSON.createObjectNode().put("question", question))
            .toString();
    return List.of(ChatMessage.system("You execute one work unit."), ChatMessage.user(user));
  }

  private HttpResponse<String> raw(String method, String path, String body) throws Exception {
    HttpRequest.BodyPublisher publisher =
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body);
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .build()
        .send(
            HttpRequest.newBuilder(pod.baseUrl().resolve(path)).method(method, publisher).build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
