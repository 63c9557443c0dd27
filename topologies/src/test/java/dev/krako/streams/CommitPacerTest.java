package dev.krako.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/** The pacer asks for a commit after a quiet spell, and at most once per gap. */
class CommitPacerTest {

  private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
  private final CommitPacer pacer = new CommitPacer(Duration.ofMillis(100));

  @Test
  void theFirstRecordGetsACommit() {
    context.setCurrentSystemTimeMs(5_000);

    assertThat(pacer.recordProcessed(context)).isTrue();
    assertThat(context.committed()).isTrue();
  }

  @Test
  void recordsWithinTheGapLeaveTheCommitToTheInterval() {
    context.setCurrentSystemTimeMs(5_000);
    pacer.recordProcessed(context);
    context.resetCommit();

    context.setCurrentSystemTimeMs(5_001);
    assertThat(pacer.recordProcessed(context)).isFalse();
    context.setCurrentSystemTimeMs(5_099);
    assertThat(pacer.recordProcessed(context)).isFalse();
    assertThat(context.committed()).isFalse();
  }

  @Test
  void aRecordAfterTheGapGetsACommitAgain() {
    context.setCurrentSystemTimeMs(5_000);
    pacer.recordProcessed(context);
    context.setCurrentSystemTimeMs(5_050);
    pacer.recordProcessed(context);
    context.resetCommit();

    // The gap counts from the last commit asked for, not from the last record.
    context.setCurrentSystemTimeMs(5_100);
    assertThat(pacer.recordProcessed(context)).isTrue();
    assertThat(context.committed()).isTrue();
  }

  @Test
  void pacersAreIndependent() {
    CommitPacer other = new CommitPacer(Duration.ofMillis(100));
    context.setCurrentSystemTimeMs(5_000);
    pacer.recordProcessed(context);

    assertThat(other.recordProcessed(context)).isTrue();
  }

  @Test
  void aZeroGapAsksForEveryRecord() {
    CommitPacer eager = new CommitPacer(Duration.ZERO);
    context.setCurrentSystemTimeMs(5_000);

    assertThat(eager.recordProcessed(context)).isTrue();
    assertThat(eager.recordProcessed(context)).isTrue();
  }

  @Test
  void aNegativeGapIsRefused() {
    assertThatThrownBy(() -> new CommitPacer(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
