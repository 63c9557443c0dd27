package dev.krako.capacity;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Suggests a pool's size from its backlog, and keeps the suggestions rare.
 *
 * <p>Scale up when the pool has at least {@code upWaitingUnits} ready units waiting, or its oldest
 * has waited {@code upOldestWaiting}: enough nodes to drain the waiting units within {@code drain}
 * at the per-node throughput measured over the window (one more node per {@code upWaitingUnits}
 * waiting units when the pool completed nothing yet), capped at {@code maxSize}. Scale down to
 * {@code minSize} when the pool has nothing waiting and completed nothing in the window.
 *
 * <p>Rate limit: a different size is suggested at most once per {@code minInterval}; the same size
 * again only after {@code repeatInterval}, as a reminder to an autoscaler that missed it.
 */
public record ScalePolicy(
    int upWaitingUnits,
    Duration upOldestWaiting,
    Duration drain,
    int minSize,
    int maxSize,
    Duration minInterval,
    Duration repeatInterval) {

  public ScalePolicy {
    if (upWaitingUnits < 1 || minSize < 0 || maxSize < Math.max(1, minSize)) {
      throw new IllegalArgumentException("Need upWaitingUnits >= 1 and 0 <= minSize <= maxSize.");
    }
    if (drain.isZero() || drain.isNegative() || minInterval.compareTo(repeatInterval) > 0) {
      throw new IllegalArgumentException("Need drain > 0 and minInterval <= repeatInterval.");
    }
  }

  /** 50 waiting units or 10 s of waiting; drain in 30 s; 1–50 nodes; 30 s between, 5 min same. */
  public static ScalePolicy defaults() {
    return new ScalePolicy(
        50,
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        1,
        50,
        Duration.ofSeconds(30),
        Duration.ofMinutes(5));
  }

  /** The request to send now, if any. */
  public Optional<ScaleRequest> suggest(
      PoolObservation pool, Optional<LastRequest> last, Instant now) {
    return wanted(pool).filter(request -> due(request, last, now));
  }

  private Optional<ScaleRequest> wanted(PoolObservation pool) {
    int current = pool.currentSize();
    if (pool.waitingUnits() >= upWaitingUnits
        || pool.oldestWaitingMs() >= upOldestWaiting.toMillis()) {
      double perNode = pool.perNodeThroughput() * drain.toSeconds();
      double drainedPerNode = perNode > 0 ? perNode : upWaitingUnits;
      int extra = (int) Math.ceil(pool.waitingUnits() / drainedPerNode);
      int size = Math.min(maxSize, current + Math.max(1, extra));
      return size > current
          ? Optional.of(
              new ScaleRequest(
                  pool,
                  size,
                  "backlog: "
                      + pool.waitingUnits()
                      + " ready units waiting, the oldest for "
                      + pool.oldestWaitingMs()
                      + " ms"))
          : Optional.empty();
    }
    if (pool.waitingUnits() == 0 && pool.completed() == 0 && current > minSize) {
      return Optional.of(new ScaleRequest(pool, minSize, "idle: nothing waiting or completed"));
    }
    return Optional.empty();
  }

  private boolean due(ScaleRequest request, Optional<LastRequest> last, Instant now) {
    if (last.isEmpty()) {
      return true;
    }
    Duration since = Duration.between(last.get().at(), now);
    Duration gap =
        last.get().suggestedSize() == request.suggestedSize() ? repeatInterval : minInterval;
    return since.compareTo(gap) >= 0;
  }
}
