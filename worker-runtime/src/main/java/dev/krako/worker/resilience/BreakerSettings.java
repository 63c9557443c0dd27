package dev.krako.worker.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * The circuit breaker of one downstream (docs/worker-resilience.md gives the reasons for the
 * defaults).
 *
 * @param failureRateThreshold the percentage of failed calls, among the last {@code
 *     slidingWindowSize}, that opens the breaker; default 50
 * @param slidingWindowSize how many of the latest calls the failure rate is taken over; default 10
 * @param minimumNumberOfCalls how many calls the window needs before the rate counts; default 5
 * @param waitInOpen how long an open breaker refuses every call before it lets a trial through;
 *     default 30 s
 * @param permittedCallsInHalfOpen how many trial calls a half-open breaker lets through; their
 *     outcome closes or reopens it; default 1
 */
public record BreakerSettings(
    float failureRateThreshold,
    int slidingWindowSize,
    int minimumNumberOfCalls,
    Duration waitInOpen,
    int permittedCallsInHalfOpen) {

  public BreakerSettings {
    if (!(failureRateThreshold > 0 && failureRateThreshold <= 100)) {
      throw new IllegalArgumentException("The failure rate threshold is a percentage in (0, 100].");
    }
    if (slidingWindowSize < 1 || minimumNumberOfCalls < 1) {
      throw new IllegalArgumentException("The window and the minimum of calls are at least 1.");
    }
    if (minimumNumberOfCalls > slidingWindowSize) {
      throw new IllegalArgumentException("The minimum of calls cannot exceed the window.");
    }
    Objects.requireNonNull(waitInOpen, "waitInOpen");
    if (waitInOpen.isNegative() || waitInOpen.isZero()) {
      throw new IllegalArgumentException("The wait in the open state must be positive.");
    }
    if (permittedCallsInHalfOpen < 1) {
      throw new IllegalArgumentException("A half-open breaker lets at least one call through.");
    }
  }

  /** 50 % of the last 10 calls (at least 5 of them), 30 s open, 1 trial call. */
  public static BreakerSettings defaults() {
    return new BreakerSettings(50f, 10, 5, Duration.ofSeconds(30), 1);
  }

  public BreakerSettings withWindow(int size, int minimumCalls) {
    return new BreakerSettings(
        failureRateThreshold, size, minimumCalls, waitInOpen, permittedCallsInHalfOpen);
  }

  public BreakerSettings withWaitInOpen(Duration wait) {
    return new BreakerSettings(
        failureRateThreshold,
        slidingWindowSize,
        minimumNumberOfCalls,
        wait,
        permittedCallsInHalfOpen);
  }

  public BreakerSettings withPermittedCallsInHalfOpen(int calls) {
    return new BreakerSettings(
        failureRateThreshold, slidingWindowSize, minimumNumberOfCalls, waitInOpen, calls);
  }

  /** The resilience4j configuration, on {@code clock}. */
  CircuitBreakerConfig config(Clock clock) {
    return CircuitBreakerConfig.custom()
        .slidingWindow(slidingWindowSize, minimumNumberOfCalls, SlidingWindowType.COUNT_BASED)
        .failureRateThreshold(failureRateThreshold)
        .waitDurationInOpenState(waitInOpen)
        .permittedNumberOfCallsInHalfOpenState(permittedCallsInHalfOpen)
        // The claim gate moves an open breaker to half-open when the wait is over, by the
        // injected clock: no scheduler thread, and tests advance a clock instead of sleeping.
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        // Slow calls are no separate signal: a call past the pod's request timeout is a TIMEOUT,
        // which is recorded as a failure.
        .slowCallRateThreshold(100f)
        .slowCallDurationThreshold(Duration.ofDays(1))
        .writableStackTraceEnabled(false)
        .clock(clock)
        .build();
  }
}
