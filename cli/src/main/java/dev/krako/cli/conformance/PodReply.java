package dev.krako.cli.conformance;

import dev.krako.worker.llm.sim.SimulatedLlmPod;

/**
 * How the simulated LLM pod answers one scripted task id: KORA's mock answer, the same text as
 * plain text (a model that ignores its instructions), the answer with a confidence, or an HTTP 500.
 *
 * @param confidence the confidence of a {@link Mode#LOW_CONFIDENCE} answer, else 0
 */
public record PodReply(Mode mode, double confidence) {

  /** The simulated pod's scripted modes (docs/llm-pods.md). */
  public enum Mode {
    VALID,
    MALFORMED,
    LOW_CONFIDENCE,
    FAILING
  }

  public static PodReply valid() {
    return new PodReply(Mode.VALID, 0);
  }

  public static PodReply malformed() {
    return new PodReply(Mode.MALFORMED, 0);
  }

  public static PodReply confidence(double value) {
    return new PodReply(Mode.LOW_CONFIDENCE, value);
  }

  public static PodReply failing() {
    return new PodReply(Mode.FAILING, 0);
  }

  /** The same reply as the simulator's script states it. */
  SimulatedLlmPod.Reply toSimulator() {
    return switch (mode) {
      case VALID -> SimulatedLlmPod.Reply.valid();
      case MALFORMED -> SimulatedLlmPod.Reply.malformed();
      case LOW_CONFIDENCE -> SimulatedLlmPod.Reply.lowConfidence(confidence);
      case FAILING -> SimulatedLlmPod.Reply.fail(500);
    };
  }
}
