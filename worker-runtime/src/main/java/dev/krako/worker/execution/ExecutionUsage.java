package dev.krako.worker.execution;

/** What an attempt consumed: CPU time on this node, and model tokens and calls. */
public record ExecutionUsage(long cpuMs, long tokensIn, long tokensOut, int llmCalls) {

  public static ExecutionUsage cpu(long cpuMs) {
    return new ExecutionUsage(cpuMs, 0, 0, 0);
  }
}
