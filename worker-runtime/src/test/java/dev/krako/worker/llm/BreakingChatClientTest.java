package dev.krako.worker.llm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.worker.MutableClock;
import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.llm.sim.SimulatedLlmPod;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Reply;
import dev.krako.worker.llm.sim.SimulatedLlmPod.Script;
import dev.krako.worker.resilience.BreakerSettings;
import dev.krako.worker.resilience.DownstreamBreaker;
import dev.krako.worker.resilience.GuardedExecutor;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The breaker in front of a real HTTP client, against the simulated pod scripted to fail. */
class BreakingChatClientTest {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final BreakerSettings SETTINGS =
      BreakerSettings.defaults().withWindow(3, 3).withWaitInOpen(WAIT);
  private static final ChatRequest REQUEST =
      new ChatRequest("m", List.of(new ChatMessage("user", "hello")), null);

  private final MutableClock clock = MutableClock.startingAt2026();

  @Test
  void itOpensAfterFailuresFailsFastWhileOpenAndClosesWhenThePodIsBack() {
    SimulatedLlmPod failing = failingPod(500, 0);
    int port = failing.baseUrl().getPort();
    LlmPodSettings pod = podSettings(failing.baseUrl());
    DownstreamBreaker breaker =
        new DownstreamBreaker(BreakingChatClient.podName(pod.baseUrl()), SETTINGS, clock);
    ChatClient client = new BreakingChatClient(new OpenAiChatClient(pod), breaker);
    try {
      for (int i = 0; i < 3; i++) {
        assertThat(failureOf(client.complete(REQUEST)).kind())
            .isEqualTo(ChatFailure.Kind.HTTP_STATUS);
      }
      assertThat(breaker.state()).isEqualTo("open");

      ChatFailure fast = failureOf(client.complete(REQUEST));

      assertThat(fast.kind()).isEqualTo(ChatFailure.Kind.CIRCUIT_OPEN);
      assertThat(fast.message())
          .isEqualTo(
              "the circuit breaker of llm-pod http://127.0.0.1:"
                  + port
                  + " is open: no call was made");
      assertThat(failing.requestCount()).as("nothing reached the pod").isEqualTo(3);
    } finally {
      failing.close();
    }

    try (SimulatedLlmPod recovered = SimulatedLlmPod.start("127.0.0.1", port)) {
      assertThat(failureOf(client.complete(REQUEST)).kind())
          .as("still open before its wait is over")
          .isEqualTo(ChatFailure.Kind.CIRCUIT_OPEN);
      clock.advance(WAIT.plusSeconds(1));

      ChatResult trial = client.complete(REQUEST);

      assertThat(trial).isInstanceOf(ChatResult.Answered.class);
      assertThat(breaker.state()).isEqualTo("closed");
      assertThat(client.complete(REQUEST)).isInstanceOf(ChatResult.Answered.class);
      assertThat(recovered.requestCount()).isEqualTo(2);
    }
  }

  @Test
  void requestErrorsDoNotCountAgainstThePod() {
    try (SimulatedLlmPod pod = failingPod(400, 0)) {
      DownstreamBreaker breaker = new DownstreamBreaker("p", SETTINGS, clock);
      ChatClient client =
          new BreakingChatClient(new OpenAiChatClient(podSettings(pod.baseUrl())), breaker);

      for (int i = 0; i < 6; i++) {
        assertThat(failureOf(client.complete(REQUEST)).httpStatus()).isEqualTo(400);
      }

      assertThat(breaker.state()).isEqualTo("closed");
      assertThat(pod.requestCount()).isEqualTo(6);
    }
  }

  @Test
  void whatCountsAgainstThePod() {
    assertThat(counts(ChatFailure.Kind.TRANSPORT, 0)).isTrue();
    assertThat(counts(ChatFailure.Kind.TIMEOUT, 0)).isTrue();
    assertThat(counts(ChatFailure.Kind.INVALID_RESPONSE, 0)).isTrue();
    for (int status : new int[] {500, 502, 503, 504, 401, 403, 408, 429}) {
      assertThat(counts(ChatFailure.Kind.HTTP_STATUS, status)).as("%d", status).isTrue();
    }
    for (int status : new int[] {400, 404, 413, 422}) {
      assertThat(counts(ChatFailure.Kind.HTTP_STATUS, status)).as("%d", status).isFalse();
    }
  }

  @Test
  void theLlmPoolFailsAUnitFastAsPodUnavailableWithNoModelCall() {
    try (SimulatedLlmPod pod = failingPod(503, 0)) {
      GuardedExecutor executor =
          LlmExecutors.forLlmPool(podSettings(pod.baseUrl()), SETTINGS, clock);
      for (int i = 0; i < 3; i++) {
        Outcome.Failed failed = (Outcome.Failed) executor.execute(LlmTasks.kora("u" + i, "q"));
        assertThat(failed.errorCode()).isEqualTo(LlmExecutor.CALL_FAILED);
      }

      Outcome.Failed fast = (Outcome.Failed) executor.execute(LlmTasks.kora("u3", "q"));

      assertThat(fast.errorCode()).isEqualTo(LlmExecutor.POD_UNAVAILABLE);
      assertThat(fast.message()).contains("is open: no call was made");
      assertThat(fast.modelCalls()).isEmpty();
      assertThat(fast.usage()).isEqualTo(ExecutionUsage.cpu(0));
      assertThat(pod.requestCount()).isEqualTo(3);
      assertThat(executor.breakers())
          .singleElement()
          .satisfies(
              b -> {
                assertThat(b.name()).isEqualTo(BreakingChatClient.podName(pod.baseUrl()));
                assertThat(b.isOpen()).isFalse();
              });
    }
  }

  @Test
  void aPodIsNamedByItsUrlWithoutUserInfoOrQuery() {
    assertThat(
            BreakingChatClient.podName(URI.create("https://user:secret@pod.example:8443/v1?x=1")))
        .isEqualTo("llm-pod https://pod.example:8443/v1");
    assertThat(BreakingChatClient.podName(URI.create("http://127.0.0.1:8000")))
        .isEqualTo("llm-pod http://127.0.0.1:8000");
  }

  private static boolean counts(ChatFailure.Kind kind, int status) {
    return BreakingChatClient.countsAgainstPod(new ChatFailure(kind, status, "x"));
  }

  private static SimulatedLlmPod failingPod(int status, int port) {
    return SimulatedLlmPod.builder()
        .script(Script.allValid().byDefault(Reply.fail(status)))
        .start("127.0.0.1", port);
  }

  private static LlmPodSettings podSettings(URI baseUrl) {
    return LlmPodSettings.defaults()
        .withBaseUrl(baseUrl)
        .withRequestTimeout(Duration.ofSeconds(10));
  }

  private static ChatFailure failureOf(ChatResult result) {
    assertThat(result).isInstanceOf(ChatResult.Failed.class);
    return ((ChatResult.Failed) result).failure();
  }
}
