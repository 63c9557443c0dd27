package dev.krako.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.junit.jupiter.api.Test;

/** The pacer asks for a commit for a record that breaks a quiet spell, and only then. */
class CommitPacerTest {

  private final MockProcessorContext<Object, Object> context = new MockProcessorContext<>();
  private final CommitPacer pacer = new CommitPacer(Duration.ofMillis(20));

  @Test
  void theFirstRecordGetsACommit() {
    context.setCurrentSystemTimeMs(5_000);

    assertThat(pacer.recordProcessed(context)).isTrue();
    assertThat(context.committed()).isTrue();
  }

  @Test
  void recordsCloserThanTheQuietSpellLeaveTheCommitToTheInterval() {
    context.setCurrentSystemTimeMs(5_000);
    pacer.recordProcessed(context);
    context.resetCommit();

    // A busy node: each record follows the previous one within 20 ms, so none asks, however long
    // the run of records lasts.
    for (long t = 5_019; t < 6_000; t += 19) {
      context.setCurrentSystemTimeMs(t);
      assertThat(pacer.recordProcessed(context)).isFalse();
    }
    assertThat(context.committed()).isFalse();
  }

  @Test
  void aRecordAfterAQuietSpellGetsACommit() {
    context.setCurrentSystemTimeMs(5_000);
    pacer.recordProcessed(context);
    context.setCurrentSystemTimeMs(5_010);
    pacer.recordProcessed(context);
    context.resetCommit();

    // The spell counts from the previous record, not from the last commit asked for.
    context.setCurrentSystemTimeMs(5_029);
    assertThat(pacer.recordProcessed(context)).isFalse();
    context.setCurrentSystemTimeMs(5_049);
    assertThat(pacer.recordProcessed(context)).isTrue();
    assertThat(context.committed()).isTrue();
  }

  @Test
  void pacersAreIndependent() {
    CommitPacer other = new CommitPacer(Duration.ofMillis(20));
    context.setCurrentSystemTimeMs(5_000);
    pacer.recordProcessed(context);

    assertThat(other.recordProcessed(context)).isTrue();
  }

  @Test
  void aNegativeQuietSpellIsRefused() {
    assertThatThrownBy(() -> new CommitPacer(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
