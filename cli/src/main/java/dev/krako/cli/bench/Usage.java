package dev.krako.cli.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The machine's resources over one step.
 *
 * @param processes CPU and memory of each process (or part of one) that took part
 * @param machineBusyCores CPU used by every process on the machine, in cores (the bench's and
 *     anyone else's)
 * @param loadAverage1m the machine's 1-minute load average at the end of the step
 * @param brokerRequestsPerSec the requests the broker handled, per second by type ({@link
 *     BrokerRequests}); empty when unknown
 */
record Usage(
    List<ProcessUsage> processes,
    double machineBusyCores,
    double loadAverage1m,
    Map<String, Double> brokerRequestsPerSec) {

  static final Usage NONE = new Usage(List.of(), Double.NaN, Double.NaN);

  Usage {
    processes = List.copyOf(processes);
    // Reports written before session 12 have no broker request figures.
    brokerRequestsPerSec =
        brokerRequestsPerSec == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new TreeMap<>(brokerRequestsPerSec));
  }

  Usage(List<ProcessUsage> processes, double machineBusyCores, double loadAverage1m) {
    this(processes, machineBusyCores, loadAverage1m, Map.of());
  }

  /** Every request the broker handled, per second; NaN when unknown. */
  double brokerRequestsTotalPerSec() {
    return brokerRequestsPerSec.isEmpty()
        ? Double.NaN
        : brokerRequestsPerSec.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Transactions ended (committed or aborted) per second, all producers; NaN when unknown. */
  double transactionsPerSec() {
    return brokerRequestsPerSec.isEmpty()
        ? Double.NaN
        : brokerRequestsPerSec.getOrDefault(BrokerRequests.END_TXN, 0.0);
  }
}
