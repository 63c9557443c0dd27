package dev.krako.worker.llm;

/** How one chat completion call ended; a client never throws. */
public sealed interface ChatResult {

  /** From sending the request to having read the answer (or given up). */
  long latencyMs();

  record Answered(ChatResponse response, long latencyMs) implements ChatResult {}

  record Failed(ChatFailure failure, long latencyMs) implements ChatResult {}
}
