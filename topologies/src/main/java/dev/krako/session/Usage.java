package dev.krako.session;

/** Resources that one attempt consumed, as its worker reported them. */
public record Usage(long cpuMs, long tokensIn, long tokensOut, int llmCalls) {

  public static final Usage NONE = new Usage(0, 0, 0, 0);

  /** The sum of two usages: attempts of one unit add up. */
  public Usage plus(Usage other) {
    return new Usage(
        cpuMs + other.cpuMs,
        tokensIn + other.tokensIn,
        tokensOut + other.tokensOut,
        llmCalls + other.llmCalls);
  }
}
