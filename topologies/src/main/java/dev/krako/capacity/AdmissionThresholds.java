package dev.krako.capacity;

import java.time.Duration;

/**
 * When the backlog rule changes the admission mode. Entering a tighter mode happens as soon as the
 * backlog reaches its level; leaving it needs the backlog to fall under a strictly lower level on
 * both measures, and the mode to have held for {@code minDwell}: the gap and the dwell are what
 * keep the mode from flapping around one value (docs/capacity.md has the reasons for each default).
 */
public record AdmissionThresholds(
    Threshold enterThrottled,
    Threshold leaveThrottled,
    Threshold enterRejecting,
    Threshold leaveRejecting,
    Duration minDwell) {

  public AdmissionThresholds {
    require(leaveThrottled.strictlyUnder(enterThrottled), "leaveThrottled < enterThrottled");
    require(leaveRejecting.strictlyUnder(enterRejecting), "leaveRejecting < enterRejecting");
    require(enterThrottled.strictlyUnder(enterRejecting), "enterThrottled < enterRejecting");
    require(!minDwell.isNegative(), "minDwell >= 0");
  }

  /**
   * The defaults, sized on this project's measured throughput (about 47 units/s on two cores,
   * docs/performance.md): 500 waiting units are about 10 s of work, 2,000 about 40 s.
   */
  public static AdmissionThresholds defaults() {
    return new AdmissionThresholds(
        new Threshold(500, Duration.ofSeconds(30)),
        new Threshold(100, Duration.ofSeconds(5)),
        new Threshold(2_000, Duration.ofSeconds(120)),
        new Threshold(1_000, Duration.ofSeconds(60)),
        Duration.ofSeconds(60));
  }

  private static void require(boolean condition, String rule) {
    if (!condition) {
      throw new IllegalArgumentException("Admission thresholds must keep " + rule + ".");
    }
  }
}
