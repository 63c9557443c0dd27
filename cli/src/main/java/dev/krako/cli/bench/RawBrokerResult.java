package dev.krako.cli.bench;

/**
 * One run of the raw broker: {@code records} records of {@code recordBytes} bytes through one topic
 * of {@code partitions} partitions, produced with acks=all and consumed at the same time.
 *
 * @param producedPerSec records acknowledged per second, first send to last acknowledgement
 * @param consumedPerSec records read per second, first to last record read
 * @param producerToConsumerPerSec records per second from the first send to the last record read:
 *     the figure Krako is compared with
 */
record RawBrokerResult(
    long records,
    int recordBytes,
    int partitions,
    double producedPerSec,
    double consumedPerSec,
    double producerToConsumerPerSec) {

  /** Megabytes (10^6) per second through the broker, producer to consumer. */
  double megabytesPerSec() {
    return producerToConsumerPerSec * recordBytes / 1e6;
  }
}
