package dev.krako.worker.llm;

/**
 * Asks an LLM pod for one chat completion. Implementations are thread-safe (the claim loops of a
 * node share one) and never throw: every failure is a {@link ChatResult.Failed}.
 */
public interface ChatClient {

  ChatResult complete(ChatRequest request);
}
