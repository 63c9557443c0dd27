package dev.krako.worker.llm;

import dev.krako.worker.execution.ExecutorsByType;
import dev.krako.worker.execution.UnitExecutor;
import dev.krako.worker.execution.VerifyingExecutor;
import java.util.Map;

/**
 * The executor of an LLM pool's node: {@code llm} units on the pod, then verification. Any other
 * unit type that reaches an LLM pool fails with {@code NO_EXECUTOR}: placement sends only {@code
 * llm} units there.
 */
public final class LlmExecutors {

  private LlmExecutors() {}

  /** Reaches the pod of {@code settings} with an {@link OpenAiChatClient}. */
  public static UnitExecutor forLlmPool(LlmPodSettings settings) {
    return forLlmPool(new OpenAiChatClient(settings), settings);
  }

  /** {@code new VerifyingExecutor(new ExecutorsByType(Map.of("llm", new LlmExecutor(...))))}. */
  public static UnitExecutor forLlmPool(ChatClient client, LlmPodSettings settings) {
    return new VerifyingExecutor(
        new ExecutorsByType(Map.of(LlmExecutor.TYPE, new LlmExecutor(client, settings))));
  }
}
