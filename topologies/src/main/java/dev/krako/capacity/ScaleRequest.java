package dev.krako.capacity;

/** A suggestion to resize a pool, with the observation it rests on. */
public record ScaleRequest(PoolObservation observation, int suggestedSize, String reason) {

  public Pool pool() {
    return observation.pool();
  }
}
