package dev.krako.capacity;

import java.time.Duration;

/**
 * A backlog level: a number of waiting units and an age of the oldest one. A pressure
 * <em>reaches</em> it when either is at or above it, and <em>is below</em> it when both are.
 */
public record Threshold(int waitingUnits, Duration oldestWaiting) {

  public Threshold {
    if (waitingUnits < 0 || oldestWaiting.isNegative()) {
      throw new IllegalArgumentException("A threshold is never negative.");
    }
  }

  public boolean reachedBy(Pressure pressure) {
    return pressure.waitingUnits() >= waitingUnits
        || pressure.oldestWaitingMs() >= oldestWaiting.toMillis();
  }

  public boolean clearedBy(Pressure pressure) {
    return pressure.waitingUnits() < waitingUnits
        && pressure.oldestWaitingMs() < oldestWaiting.toMillis();
  }

  /** True when this level is strictly under the other on both measures. */
  boolean strictlyUnder(Threshold other) {
    return waitingUnits < other.waitingUnits && oldestWaiting.compareTo(other.oldestWaiting) < 0;
  }
}
