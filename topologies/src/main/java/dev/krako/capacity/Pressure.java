package dev.krako.capacity;

import java.util.Collection;

/**
 * The backlog the admission rule reacts to, over all pools: how many ready units wait for a worker
 * and how long the oldest of them has waited. The age catches a pool that has stopped claiming (its
 * count may be small); the count catches a flood that workers are still keeping up with.
 */
public record Pressure(int waitingUnits, long oldestWaitingMs) {

  public Pressure {
    if (waitingUnits < 0 || oldestWaitingMs < 0) {
      throw new IllegalArgumentException("A backlog is never negative: " + waitingUnits);
    }
  }

  /**
   * The pressure of these pools. The waiting age of a pool without a live node is left out: one
   * unit waiting for a pool nobody runs (dev mode runs no trusted pool) would otherwise reject
   * every tenant's graphs, which no admission decision can cure; its scale request asks for nodes,
   * and its waiting count still counts, so a growing pile of such units still throttles.
   */
  public static Pressure of(Collection<PoolObservation> pools) {
    int waiting = 0;
    long oldest = 0;
    for (PoolObservation pool : pools) {
      waiting += pool.waitingUnits();
      if (pool.currentSize() > 0) {
        oldest = Math.max(oldest, pool.oldestWaitingMs());
      }
    }
    return new Pressure(waiting, oldest);
  }

  @Override
  public String toString() {
    return waitingUnits + " ready units waiting, the oldest for " + oldestWaitingMs + " ms";
  }
}
