package dev.krako.worker.llm.sim;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The simulated pod's deterministic answer.
 *
 * <p>A KORA-form prompt gets KORA's offline mock exactly: {@code {"status": "ok", "task_id": <task
 * id>, "answer": "Mock answer for: " + the first 80 code points of the question}}, prompt tokens
 * {@code max(1, floor(code points of the question / 4))}, completion tokens 40. Any other prompt:
 * {@code {"status": "ok", "answer": "Simulated answer for: " + the first 80 code points of the
 * prompt}}, with the same counts taken on the prompt. Lengths count Unicode code points, as
 * Python's {@code len} does.
 *
 * <p>With {@code max_tokens} below 40, the completion has {@code max_tokens} tokens, finish reason
 * {@code length}, and the answer text keeps {@code floor(its length × max_tokens / 40)} code
 * points: the reply stays one valid JSON object.
 *
 * @param content the assistant message's content
 */
record SimulatedAnswer(
    String content, long promptTokens, long completionTokens, String finishReason) {

  static final int COMPLETION_TOKENS = 40;
  static final int ANSWER_CODE_POINTS = 80;

  static SimulatedAnswer of(SimulatedRequest request, SimulatedLlmPod.Reply reply) {
    String source = request.koraForm() ? request.question() : request.prompt();
    String prefix = request.koraForm() ? "Mock answer for: " : "Simulated answer for: ";
    String answer = prefix + first(source, ANSWER_CODE_POINTS);
    long promptTokens = Math.max(1, codePoints(source) / 4);
    long completionTokens = COMPLETION_TOKENS;
    String finishReason = "stop";
    Integer max = request.maxTokens();
    if (max != null && max < COMPLETION_TOKENS) {
      completionTokens = max;
      finishReason = "length";
      answer = first(answer, (int) ((long) codePoints(answer) * max / COMPLETION_TOKENS));
    }
    return new SimulatedAnswer(
        content(request, reply, answer), promptTokens, completionTokens, finishReason);
  }

  private static String content(
      SimulatedRequest request, SimulatedLlmPod.Reply reply, String answer) {
    if (reply instanceof SimulatedLlmPod.Reply.Malformed) {
      return answer; // plain text: not a JSON object
    }
    ObjectNode object = JsonNodeFactory.instance.objectNode();
    object.put("status", "ok");
    if (request.koraForm()) {
      object.put("task_id", request.taskId());
    }
    object.put("answer", answer);
    if (reply instanceof SimulatedLlmPod.Reply.LowConfidence low) {
      object.put("confidence", low.value());
    }
    return object.toString();
  }

  static int codePoints(String text) {
    return text.codePointCount(0, text.length());
  }

  static String first(String text, int codePoints) {
    if (codePoints(text) <= codePoints) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, codePoints));
  }
}
