package dev.krako.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.apache.kafka.common.errors.InvalidTxnStateException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

class ThreadFailurePolicyTest {

  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");

  private Instant now = T0;
  private final ThreadFailurePolicy policy =
      new ThreadFailurePolicy(
          new Clock() {
            @Override
            public ZoneOffset getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now;
            }
          });

  /** What BrokerRestartIT saw: a commit after a timed-out transaction, wrapped by Streams. */
  private static Throwable brokerWentAway() {
    return new StreamsException(
        "Error encountered trying to commit a transaction",
        new InvalidTxnStateException("The producer attempted a transactional operation"));
  }

  @Test
  void aThreadKilledByTheBrokerGoingAwayIsReplaced() {
    assertThat(policy.decide(brokerWentAway()))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
    assertThat(policy.decide(new StreamsException(new TimeoutException("no coordinator"))))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }

  @Test
  void anyOtherDeathShutsTheApplicationDown() {
    assertThat(policy.decide(new StreamsException(new IllegalStateException("a bug"))))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_APPLICATION);
    assertThat(policy.decide(new NullPointerException()))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_APPLICATION);
  }

  @Test
  void aThreadThatKeepsDyingIsNotReplacedForever() {
    for (int i = 0; i < ThreadFailurePolicy.MAX_REPLACEMENTS; i++) {
      assertThat(policy.decide(brokerWentAway()))
          .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
      now = now.plusSeconds(30);
    }
    assertThat(policy.decide(brokerWentAway()))
        .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_APPLICATION);
  }

  @Test
  void replacementsOlderThanTheWindowNoLongerCount() {
    for (int i = 0; i < ThreadFailurePolicy.MAX_REPLACEMENTS; i++) {
      policy.decide(brokerWentAway());
    }
    now = now.plus(ThreadFailurePolicy.WINDOW).plus(Duration.ofSeconds(1));

    assertThat(policy.decide(brokerWentAway()))
        .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
  }
}
