package dev.krako.worker.llm;

import dev.krako.worker.execution.ExecutorsByType;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.VerifyingExecutor;
import dev.krako.worker.resilience.BreakerSettings;
import dev.krako.worker.resilience.DownstreamBreaker;
import dev.krako.worker.resilience.GuardedExecutor;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The executor of an LLM pool's node: {@code llm} units on the pod, then verification. Any other
 * unit type that reaches an LLM pool fails with {@code NO_EXECUTOR}: placement sends only {@code
 * llm} units there.
 */
public final class LlmExecutors {

  private LlmExecutors() {}

  /**
   * Reaches the pod of {@code settings} with an {@link OpenAiChatClient} behind a circuit breaker
   * with {@link BreakerSettings#defaults()} on the system clock: {@link #forLlmPool(LlmPodSettings,
   * BreakerSettings, Clock)}.
   */
  public static UnitExecutor forLlmPool(LlmPodSettings settings) {
    return forLlmPool(settings, BreakerSettings.defaults(), Clock.systemUTC());
  }

  /**
   * Reaches the pod of {@code settings} with an {@link OpenAiChatClient} behind its own circuit
   * breaker ({@link BreakingChatClient}). The result is a {@link GuardedExecutor}: a worker node
   * started with it stops claiming while the breaker is open and reports its state as node health
   * (docs/worker-resilience.md).
   *
   * @param clock the breaker's clock: how long it stays open is measured on it
   */
  public static GuardedExecutor forLlmPool(
      LlmPodSettings settings, BreakerSettings breakerSettings, Clock clock) {
    DownstreamBreaker breaker =
        new DownstreamBreaker(
            BreakingChatClient.podName(settings.baseUrl()), breakerSettings, clock);
    ChatClient client = new BreakingChatClient(new OpenAiChatClient(settings), breaker);
    return new GuardedExecutor(forLlmPool(client, settings), List.of(breaker));
  }

  /**
   * {@code new VerifyingExecutor(new ExecutorsByType(Map.of("llm", new LlmExecutor(...))))}, with
   * no breaker of its own (wrap {@code client} in a {@link BreakingChatClient} for one).
   */
  public static UnitExecutor forLlmPool(ChatClient client, LlmPodSettings settings) {
    return new VerifyingExecutor(
        new ExecutorsByType(Map.of(LlmExecutor.TYPE, new LlmExecutor(client, settings))));
  }
}
