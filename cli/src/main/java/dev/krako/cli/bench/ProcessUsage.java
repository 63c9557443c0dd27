package dev.krako.cli.bench;

/**
 * One process's share of a step.
 *
 * @param process what it is
 * @param cpuCores CPU time over wall time: 1.0 is one core busy all the time
 * @param rssMiB resident memory at the end of the step; NaN for threads that share a process
 */
record ProcessUsage(String process, double cpuCores, double rssMiB) {

  static final String KRAKO = "krako (topologies, worker pools, simulated LLM pod)";

  /** A part of {@link #KRAKO}, not another process: its JIT compilers' threads. */
  static final String KRAKO_JIT = "of which krako's JIT compiler threads";

  static final String GENERATOR = "bench load generator + result collector";
  static final String BROKER = "kafka broker";

  /** One word for progress lines. */
  String shortName() {
    return switch (process) {
      case KRAKO -> "krako";
      case KRAKO_JIT -> "of which JIT";
      case GENERATOR -> "generator";
      case BROKER -> "broker";
      default -> process;
    };
  }
}
