package dev.krako.worker.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The circuit breaker of one downstream (a resilience4j {@link CircuitBreaker}), and the claim gate
 * that follows it.
 *
 * <p>Callers ask {@link #tryAcquirePermission()} before each call and report it with {@link
 * #recordSuccess} or {@link #recordFailure}. As a {@link ClaimGate} it admits every claim while
 * closed, none while open, and while half-open only as many claims as the breaker has trial calls,
 * so a node never claims a unit that its breaker would refuse. An open breaker turns half-open when
 * a claim loop asks the gate after {@link BreakerSettings#waitInOpen()} has passed on the injected
 * clock. Listeners hear of every state change, as a {@link HealthStatus}. Thread-safe.
 */
public final class DownstreamBreaker implements ClaimGate {

  private static final Logger LOG = LoggerFactory.getLogger(DownstreamBreaker.class);

  private final CircuitBreaker breaker;
  private final BreakerSettings settings;
  private final Clock clock;
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();
  private volatile Instant trialDue = Instant.MIN;
  // Claims admitted in the current half-open period; a new semaphore for each state, so that an
  // admission from an earlier period is released into its own.
  private volatile Semaphore trialClaims;

  /**
   * @param name names the downstream in logs and events, e.g. {@code llm-pod http://pod:8000}
   */
  public DownstreamBreaker(String name, BreakerSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.breaker = CircuitBreaker.of(name, settings.config(clock));
    this.trialClaims = new Semaphore(settings.permittedCallsInHalfOpen());
    breaker.getEventPublisher().onStateTransition(this::transitioned);
  }

  public String name() {
    return breaker.getName();
  }

  /** The breaker's state in lower case: closed, open or half_open. */
  public String state() {
    return breaker.getState().name().toLowerCase(Locale.ROOT);
  }

  /** Closed is up, half-open degraded, open down. */
  public HealthStatus status() {
    return statusOf(breaker.getState());
  }

  /** Hears every state change, on the thread that caused it; it must not block. */
  public void addListener(Listener listener) {
    listeners.add(listener);
  }

  /** Whether a call may go to the downstream now; when true, record its outcome. */
  public boolean tryAcquirePermission() {
    return breaker.tryAcquirePermission();
  }

  public void recordSuccess(long durationMs) {
    breaker.onSuccess(durationMs, TimeUnit.MILLISECONDS);
  }

  /**
   * @param reason why the call failed, for people (it never carries a secret)
   */
  public void recordFailure(long durationMs, String reason) {
    breaker.onError(durationMs, TimeUnit.MILLISECONDS, new DownstreamFailure(reason));
  }

  @Override
  public boolean isOpen() {
    return switch (currentState()) {
      case HALF_OPEN -> trialClaims.availablePermits() > 0;
      case OPEN, FORCED_OPEN -> false;
      default -> true;
    };
  }

  @Override
  public Optional<Admission> tryAdmit() {
    return switch (currentState()) {
      case HALF_OPEN -> {
        Semaphore slots = trialClaims;
        yield slots.tryAcquire() ? Optional.of(slots::release) : Optional.empty();
      }
      case OPEN, FORCED_OPEN -> Optional.empty();
      default -> Optional.of(Admission.NONE);
    };
  }

  /** The state, after moving an open breaker whose wait is over to half-open. */
  private State currentState() {
    State state = breaker.getState();
    if (state == State.OPEN && clock.instant().isAfter(trialDue)) {
      // resilience4j moves an open breaker to half-open when a permission is asked for after its
      // wait; the permission is handed back at once, for the trial call to take.
      if (breaker.tryAcquirePermission()) {
        breaker.releasePermission();
      }
      state = breaker.getState();
    }
    return state;
  }

  private void transitioned(CircuitBreakerOnStateTransitionEvent event) {
    State to = event.getStateTransition().getToState();
    trialClaims = new Semaphore(settings.permittedCallsInHalfOpen());
    if (to == State.OPEN) {
      trialDue = clock.instant().plus(settings.waitInOpen());
    }
    HealthStatus status = statusOf(to);
    String state = to.name().toLowerCase(Locale.ROOT);
    switch (status) {
      case DOWN ->
          LOG.warn(
              "The circuit breaker of {} is {}: its node claims nothing for {} ms.",
              name(),
              state,
              settings.waitInOpen().toMillis());
      case DEGRADED ->
          LOG.info(
              "The circuit breaker of {} is half-open: its node claims {} trial unit(s).",
              name(),
              settings.permittedCallsInHalfOpen());
      case UP -> LOG.info("The circuit breaker of {} is {} again.", name(), state);
    }
    listeners.forEach(l -> l.changed(this, status));
  }

  private static HealthStatus statusOf(State state) {
    return switch (state) {
      case OPEN, FORCED_OPEN -> HealthStatus.DOWN;
      case HALF_OPEN -> HealthStatus.DEGRADED;
      default -> HealthStatus.UP;
    };
  }

  /** Hears the state changes of a breaker. */
  @FunctionalInterface
  public interface Listener {
    void changed(DownstreamBreaker breaker, HealthStatus status);
  }

  /** A failed call as resilience4j records it: a reason, no stack trace. */
  private static final class DownstreamFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    DownstreamFailure(String reason) {
      super(reason, null, false, false);
    }
  }
}
