package dev.krako.capacity;

/**
 * What the event log says about one pool at one moment, over a sliding window.
 *
 * @param currentSize worker nodes of the pool that reported up recently
 * @param waitingUnits attempts dispatched to the pool (workunit.scheduled) and not yet claimed
 * @param oldestWaitingMs how long the oldest of them has waited
 * @param claimLatencyMs mean scheduled-to-claimed time of the claims in the window
 * @param claims claims in the window
 * @param completed units the pool completed in the window (its throughput)
 * @param windowMs the window's length
 */
public record PoolObservation(
    Pool pool,
    int currentSize,
    int waitingUnits,
    long oldestWaitingMs,
    long claimLatencyMs,
    int claims,
    int completed,
    long windowMs) {

  /** Completions per second per node over the window; 0 when unknown. */
  double perNodeThroughput() {
    if (completed == 0 || windowMs <= 0) {
      return 0;
    }
    return completed * 1000.0 / windowMs / Math.max(1, currentSize);
  }
}
