package dev.krako.cli.bench;

/**
 * One run of the contract floor ({@link ContractFloorBench}): {@code workUnits} units' records
 * written and read.
 *
 * @param route how the records got from the dispatch to the events; null in the reports of session
 *     13's first runs, which measured {@link ContractFloorBench.Route#DIRECT} only
 * @param recordsPerUnit records written per unit (a dispatch, its events, its ledger line)
 * @param readsPerUnit records read per unit, by every reader together
 * @param workUnitsPerSec units per second, from the first record written to the last one read by
 *     the slowest reader: the figure Krako's WorkUnits/s are compared with. Through Krako's hops,
 *     whose billing commits once a second, from the first ledger lines read to the last: the steady
 *     rate, without the second or more it takes the pipeline to fill and to drain
 * @param producers transactional producers writing at once, each on its own thread
 * @param transactionsPerSec transactions committed per second, by the producers and the Streams hop
 *     together
 * @param usage the machine over the run (the floor's clients are the bench's threads)
 */
record ContractFloorResult(
    ContractFloorBench.Route route,
    long workUnits,
    int recordsPerUnit,
    int readsPerUnit,
    int recordBytes,
    int partitions,
    int producers,
    long transactions,
    double workUnitsPerSec,
    double transactionsPerSec,
    Usage usage) {

  ContractFloorResult {
    route = route == null ? ContractFloorBench.Route.DIRECT : route;
  }

  /** Records written per second. */
  double recordsWrittenPerSec() {
    return workUnitsPerSec * recordsPerUnit;
  }
}
