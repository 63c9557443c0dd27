package dev.krako.worker.llm;

import java.util.List;
import java.util.Objects;

/**
 * One chat completion to ask a pod for. Krako always asks for temperature 0: a retry or a replay of
 * a unit should get the answer the first attempt got, as far as the model allows.
 *
 * @param maxTokens the completion's token cap, or null for the pod's own limit
 */
public record ChatRequest(String model, List<ChatMessage> messages, Integer maxTokens) {

  public ChatRequest {
    Objects.requireNonNull(model, "model");
    messages = List.copyOf(messages);
    if (messages.isEmpty()) {
      throw new IllegalArgumentException("A chat request needs at least one message.");
    }
  }
}
