package dev.krako.worker.execution;

/**
 * One call to a model made by an attempt: reported as {@code llm.invocation.completed} (or {@code
 * .failed} when {@code error} is set), and billed as {@code llm_tokens}.
 *
 * @param error null when the call succeeded
 */
public record ModelCall(
    String model, String tier, long latencyMs, long tokensIn, long tokensOut, String error) {}
