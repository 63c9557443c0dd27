package dev.krako.cli.bench;

/**
 * One run of the contract floor ({@link ContractFloorBench}): {@code workUnits} units' records
 * written and read.
 *
 * @param recordsPerUnit records written per unit (a dispatch, its events, its ledger line)
 * @param readsPerUnit records read per unit, by every reader together
 * @param workUnitsPerSec units per second, from the first record written to the last one read by
 *     the slowest reader: the figure Krako's WorkUnits/s are compared with
 * @param producers transactional producers writing at once, each on its own thread
 * @param transactionsPerSec transactions the producers committed per second, all together
 * @param usage the machine over the run (the floor's clients are the bench's threads)
 */
record ContractFloorResult(
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

  /** Records written per second. */
  double recordsWrittenPerSec() {
    return workUnitsPerSec * recordsPerUnit;
  }
}
