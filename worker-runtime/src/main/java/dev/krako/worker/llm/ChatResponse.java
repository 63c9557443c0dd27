package dev.krako.worker.llm;

/**
 * A pod's answer to a chat completion.
 *
 * @param content {@code choices[0].message.content}
 * @param model the model that answered ({@code model} of the response, else the one asked for)
 * @param promptTokens {@code usage.prompt_tokens} (0 when the pod reports no usage)
 * @param completionTokens {@code usage.completion_tokens} (0 when the pod reports no usage)
 * @param finishReason {@code choices[0].finish_reason}, e.g. stop or length; null when absent
 */
public record ChatResponse(
    String content, String model, long promptTokens, long completionTokens, String finishReason) {}
