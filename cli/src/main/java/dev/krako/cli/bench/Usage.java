package dev.krako.cli.bench;

import java.util.List;

/**
 * The machine's resources over one step.
 *
 * @param processes CPU and memory of each process (or part of one) that took part
 * @param machineBusyCores CPU used by every process on the machine, in cores (the bench's and
 *     anyone else's)
 * @param loadAverage1m the machine's 1-minute load average at the end of the step
 */
record Usage(List<ProcessUsage> processes, double machineBusyCores, double loadAverage1m) {

  static final Usage NONE = new Usage(List.of(), Double.NaN, Double.NaN);

  Usage {
    processes = List.copyOf(processes);
  }
}
