package dev.krako.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.worker.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The breaker of one downstream and the claim gate that follows it, on a clock the test moves. */
class DownstreamBreakerTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final MutableClock clock = MutableClock.startingAt2026();
  private final DownstreamBreaker breaker =
      new DownstreamBreaker(
          "llm-pod http://pod:8000",
          BreakerSettings.defaults().withWindow(4, 4).withWaitInOpen(WAIT),
          clock);
  private final List<HealthStatus> heard = new CopyOnWriteArrayList<>();

  DownstreamBreakerTest() {
    breaker.addListener((b, status) -> heard.add(status));
  }

  @Test
  void aClosedBreakerAdmitsEveryClaimAndCall() {
    assertThat(breaker.state()).isEqualTo("closed");
    assertThat(breaker.status()).isEqualTo(HealthStatus.UP);
    assertThat(breaker.isOpen()).isTrue();
    assertThat(breaker.tryAdmit()).isPresent();
    assertThat(breaker.tryAdmit()).isPresent();
    assertThat(breaker.tryAcquirePermission()).isTrue();
  }

  @Test
  void failuresOpenItAndThenItAdmitsNothing() {
    failCalls(4);

    assertThat(breaker.state()).isEqualTo("open");
    assertThat(breaker.status()).isEqualTo(HealthStatus.DOWN);
    assertThat(breaker.isOpen()).isFalse();
    assertThat(breaker.tryAdmit()).isEmpty();
    assertThat(breaker.tryAcquirePermission()).isFalse();
    assertThat(heard).containsExactly(HealthStatus.DOWN);
  }

  @Test
  void fewerCallsThanTheMinimumDoNotOpenIt() {
    failCalls(3);

    assertThat(breaker.state()).isEqualTo("closed");
    assertThat(heard).isEmpty();
  }

  @Test
  void afterItsWaitTheGateTurnsItHalfOpenAndAdmitsOneTrialClaim() {
    failCalls(4);
    clock.advance(WAIT);
    assertThat(breaker.isOpen()).as("not after the wait yet").isFalse();

    clock.advance(Duration.ofMillis(1));

    assertThat(breaker.isOpen()).isTrue();
    assertThat(breaker.state()).isEqualTo("half_open");
    assertThat(breaker.status()).isEqualTo(HealthStatus.DEGRADED);
    Optional<ClaimGate.Admission> trial = breaker.tryAdmit();
    assertThat(trial).isPresent();
    assertThat(breaker.tryAdmit()).as("one trial at a time").isEmpty();
    assertThat(breaker.isOpen()).as("the loops pause while the trial runs").isFalse();
    trial.get().release();
    assertThat(breaker.isOpen()).isTrue();
    assertThat(heard).containsExactly(HealthStatus.DOWN, HealthStatus.DEGRADED);
  }

  @Test
  void aSuccessfulTrialClosesIt() {
    failCalls(4);
    clock.advance(WAIT.plusMillis(1));
    ClaimGate.Admission trial = breaker.tryAdmit().orElseThrow();

    assertThat(breaker.tryAcquirePermission()).isTrue();
    breaker.recordSuccess(5);
    trial.release();

    assertThat(breaker.state()).isEqualTo("closed");
    assertThat(breaker.tryAdmit()).isPresent();
    assertThat(heard).containsExactly(HealthStatus.DOWN, HealthStatus.DEGRADED, HealthStatus.UP);
  }

  @Test
  void aFailedTrialOpensItForAnotherWait() {
    failCalls(4);
    clock.advance(WAIT.plusMillis(1));
    ClaimGate.Admission trial = breaker.tryAdmit().orElseThrow();

    assertThat(breaker.tryAcquirePermission()).isTrue();
    breaker.recordFailure(5, "HTTP_STATUS 500: down");

    assertThat(breaker.state()).isEqualTo("open");
    assertThat(breaker.isOpen()).isFalse();
    clock.advance(WAIT.minusSeconds(1));
    assertThat(breaker.isOpen()).isFalse();
    clock.advance(Duration.ofSeconds(2));
    assertThat(breaker.isOpen()).isTrue();
    // The admission of the earlier trial goes back to its own period: still one trial now.
    trial.release();
    assertThat(breaker.tryAdmit()).isPresent();
    assertThat(breaker.tryAdmit()).isEmpty();
    assertThat(heard)
        .containsExactly(
            HealthStatus.DOWN, HealthStatus.DEGRADED, HealthStatus.DOWN, HealthStatus.DEGRADED);
  }

  @Test
  void successesKeepItClosed() {
    // One failure in every four calls: 25 %, below the 50 % threshold.
    for (int i = 0; i < 10; i++) {
      assertThat(breaker.tryAcquirePermission()).isTrue();
      breaker.recordFailure(1, "x");
      for (int s = 0; s < 3; s++) {
        assertThat(breaker.tryAcquirePermission()).isTrue();
        breaker.recordSuccess(1);
      }
    }

    assertThat(breaker.state()).isEqualTo("closed");
  }

  @Test
  void aGateOfSeveralAdmitsOnlyWhenAllDoAndGivesBackWhatItTookOtherwise() {
    ClaimGate shut =
        new ClaimGate() {
          @Override
          public boolean isOpen() {
            return false;
          }

          @Override
          public Optional<Admission> tryAdmit() {
            return Optional.empty();
          }
        };
    failCalls(4);
    clock.advance(WAIT.plusMillis(1));

    ClaimGate both = ClaimGate.allOf(List.of(breaker, shut));

    assertThat(both.isOpen()).isFalse();
    assertThat(both.tryAdmit()).isEmpty();
    assertThat(breaker.tryAdmit()).as("the trial slot was given back").isPresent();
    assertThat(ClaimGate.allOf(List.of())).isSameAs(ClaimGate.ALWAYS_OPEN);
  }

  private void failCalls(int n) {
    for (int i = 0; i < n; i++) {
      assertThat(breaker.tryAcquirePermission()).isTrue();
      breaker.recordFailure(1, "TRANSPORT: refused");
    }
  }
}
