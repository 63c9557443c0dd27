package dev.krako.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import dev.krako.worker.execution.ModelCall;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Reply;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Script;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The API key reaches the pod as a bearer token and nothing else: no log line, no message. */
class ApiKeySecrecyTest {

  private static final String KEY = "sk-krako-secret-4f9a2c";

  private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
  private final Logger krako = (Logger) LoggerFactory.getLogger("dev.krako");
  private Level krakoLevel;

  @BeforeEach
  void captureEveryLogLine() {
    krakoLevel = krako.getLevel();
    krako.setLevel(Level.DEBUG);
    logs.start();
    root.addAppender(logs);
  }

  @AfterEach
  void stopCapturing() {
    root.detachAppender(logs);
    krako.setLevel(krakoLevel);
  }

  @Test
  void theKeyIsSentAsABearerTokenAndNeverShown() {
    List<String> said = new ArrayList<>();
    try (SimulatedLlmPod pod =
        SimulatedLlmPod.builder()
            .requiredApiKey(KEY)
            .script(Script.allValid().forTask("fails", Reply.fail(500)))
            .start("127.0.0.1", 0)) {
      LlmPodSettings right = settings(pod.baseUrl(), KEY);
      LlmPodSettings wrong = settings(pod.baseUrl(), KEY + "-wrong");

      Outcome ok = execute(right, "t", said);
      Outcome refused = execute(wrong, "t", said);
      Outcome failed = execute(right, "fails", said);

      assertThat(ok).isInstanceOf(Outcome.Completed.class);
      assertThat(((Outcome.Failed) refused).modelCalls().get(0).error())
          .startsWith("HTTP_STATUS 401: ");
      assertThat(failed).isInstanceOf(Outcome.Failed.class);
      said.add(right.toString());
      said.add(wrong.toString());
    }
    assertNeverShown(said);
  }

  @Test
  void aPodThatEchoesTheKeyHasItRedacted() {
    List<String> said = new ArrayList<>();
    String echo =
        "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + ".\",\"type\":\"auth\"}}";
    try (RecordingPod pod = RecordingPod.answering(401, echo)) {
      Outcome.Failed failed = (Outcome.Failed) execute(settings(pod.baseUrl(), KEY), "t", said);

      assertThat(pod.last().header("Authorization")).isEqualTo("Bearer " + KEY);
      assertThat(failed.message()).contains("Incorrect API key provided: [redacted].");
    }
    assertNeverShown(said);
  }

  @Test
  void timeoutsAndUnreachablePodsDoNotShowTheKey() {
    List<String> said = new ArrayList<>();
    URI gone;
    Script slow = Script.allValid().byDefault(Reply.slow(Duration.ofSeconds(30)));
    try (SimulatedLlmPod pod = SimulatedLlmPod.builder().script(slow).start("127.0.0.1", 0)) {
      gone = pod.baseUrl();
      execute(settings(pod.baseUrl(), KEY).withRequestTimeout(Duration.ofMillis(200)), "t", said);
    }
    execute(settings(gone, KEY), "t", said);

    assertNeverShown(said);
  }

  @Test
  void aKeyTheHeaderCannotCarryIsRejectedWithoutQuotingIt() {
    assertThatThrownBy(() -> LlmPodSettings.defaults().withApiKey("sk-with space"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("sk-with");
    assertThat(LlmPodSettings.defaults().withApiKey(KEY).toString())
        .doesNotContain(KEY)
        .contains("apiKey=(set, redacted)");
  }

  private Outcome execute(LlmPodSettings settings, String taskId, List<String> said) {
    Outcome outcome =
        new LlmExecutor(new OpenAiChatClient(settings), settings)
            .execute(LlmTasks.kora(taskId, "q"));
    if (outcome instanceof Outcome.Failed f) {
      said.add(f.message());
    }
    for (ModelCall call : outcome.modelCalls()) {
      said.add(String.valueOf(call.error()));
    }
    return outcome;
  }

  private void assertNeverShown(List<String> said) {
    assertThat(logs.list).isNotEmpty();
    for (ILoggingEvent event : logs.list) {
      assertThat(event.getFormattedMessage()).doesNotContain(KEY);
      for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
      }
    }
    assertThat(said).isNotEmpty().allSatisfy(text -> assertThat(text).doesNotContain(KEY));
  }

  private static LlmPodSettings settings(URI baseUrl, String key) {
    return LlmPodSettings.defaults()
        .withBaseUrl(baseUrl)
        .withApiKey(key)
        .withRequestTimeout(Duration.ofSeconds(10));
  }
}
