package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.krako.worker.execution.ExecutionUsage;
import dev.krako.worker.execution.Outcome;
import dev.krako.worker.resilience.ClaimGate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The units a claim loop holds: room, reporting in the order units end, and freeing on report. */
class ClaimWindowTest {

  private final ClaimWindow window = new ClaimWindow(3);

  @Test
  void claimedUnitsTakeRoomUntilTheirOutcomeIsReported() {
    window.hold(2);
    assertThat(window.room()).isEqualTo(1);

    window.finish(finished("a"));
    List<ClaimWindow.Finished> ended = window.toReport();
    assertThat(window.room()).as("ended but not reported: still held").isEqualTo(1);

    window.reported(ended);
    assertThat(window.room()).isEqualTo(2);
    assertThat(window.holdsAny()).isTrue();
  }

  @Test
  void aWindowNeverHoldsMoreThanItsSize() {
    window.hold(3);

    assertThat(window.room()).isZero();
    assertThatThrownBy(() -> window.hold(1)).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aFastUnitIsReportedWithoutWaitingForASlowOneClaimedBeforeIt() {
    window.hold(2); // "slow" then "fast" claimed together; only "fast" has ended

    window.finish(finished("fast"));

    assertThat(window.toReport()).extracting(ClaimWindowTest::unit).containsExactly("fast");
  }

  @Test
  void anOutcomeWhoseTransactionFailedIsReportedAgainWithTheNextOnes() {
    window.hold(2);
    window.finish(finished("a"));
    window.toReport(); // its transaction fails: not reported

    window.finish(finished("b"));
    List<ClaimWindow.Finished> next = window.toReport();

    assertThat(next).extracting(ClaimWindowTest::unit).containsExactly("a", "b");
    window.reported(next);
    assertThat(window.holdsAny()).isFalse();
    assertThat(window.toReport()).isEmpty();
  }

  @Test
  void waitingReturnsAsSoonAsAUnitEnds() throws Exception {
    window.hold(1);
    CompletableFuture<List<ClaimWindow.Finished>> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return window.awaitToReport(Duration.ofMinutes(5));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });

    window.finish(finished("a"));

    assertThat(waiting.get(60, TimeUnit.SECONDS))
        .extracting(ClaimWindowTest::unit)
        .containsExactly("a");
  }

  @Test
  void waitingWithNothingToReportReturnsNothingAfterTheTimeout() throws Exception {
    assertThat(window.awaitToReport(Duration.ofMillis(1))).isEmpty();
  }

  @Test
  void onlyTheFirstUnitsToReportCanBeReported() {
    window.hold(2);
    window.finish(finished("a"));
    window.finish(finished("b"));
    List<ClaimWindow.Finished> both = window.toReport();

    assertThatThrownBy(() -> window.reported(List.of(both.get(1))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void waitingForUnitsJustStartedReturnsOnceEachHasEndedWithWhateverElseEnded() throws Exception {
    window.hold(3);
    ClaimWindow.Running earlier = running("earlier");
    ClaimWindow.Running a = running("a");
    ClaimWindow.Running b = running("b");
    window.finish(ended(earlier));
    window.finish(ended(a));
    CompletableFuture<List<ClaimWindow.Finished>> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return window.awaitEnded(List.of(a, b), Duration.ofMinutes(5));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    assertThatThrownBy(() -> waiting.get(100, TimeUnit.MILLISECONDS))
        .as("b still runs")
        .isInstanceOf(TimeoutException.class);

    window.finish(ended(b));

    assertThat(waiting.get(60, TimeUnit.SECONDS))
        .extracting(ClaimWindowTest::unit)
        .containsExactly("earlier", "a", "b");
  }

  @Test
  void waitingForUnitsJustStartedGivesUpAfterTheTimeout() throws Exception {
    window.hold(2);
    ClaimWindow.Running fast = running("fast");
    ClaimWindow.Running slow = running("slow");
    window.finish(ended(fast));

    List<ClaimWindow.Finished> report =
        window.awaitEnded(List.of(fast, slow), Duration.ofMillis(5));

    assertThat(report).extracting(ClaimWindowTest::unit).containsExactly("fast");
  }

  @Test
  void unitsWhoseClaimDidNotCommitLeaveUnreportedAsTheyEndAndGiveTheirAdmissionsBack() {
    AtomicInteger admissions = new AtomicInteger(3);
    window.hold(3);
    ClaimWindow.Running kept = running("kept", admissions);
    ClaimWindow.Running endedGhost = running("ended-ghost", admissions);
    ClaimWindow.Running runningGhost = running("running-ghost", admissions);
    window.finish(ended(kept));
    window.finish(ended(endedGhost));

    window.abandon(List.of(endedGhost, runningGhost));

    assertThat(window.room()).as("the ended ghost left at once").isEqualTo(1);
    assertThat(admissions).hasValue(2);
    assertThat(window.toReport()).extracting(ClaimWindowTest::unit).containsExactly("kept");

    window.finish(ended(runningGhost));

    assertThat(window.toReport()).extracting(ClaimWindowTest::unit).containsExactly("kept");
    assertThat(window.room()).isEqualTo(2);
    assertThat(admissions).hasValue(1);
    window.reported(window.toReport());
    assertThat(window.holdsAny()).isFalse();
  }

  private static ClaimWindow.Running running(String unit) {
    return running(unit, new AtomicInteger());
  }

  /** A unit in flight whose admission, once released, takes one from {@code admissions}. */
  private static ClaimWindow.Running running(String unit, AtomicInteger admissions) {
    ClaimBatch.Claim claim =
        new ClaimBatch.Claim(
            new ConsumerRecord<>("dispatch", 0, 0, "s", ClaimBatchTest.dispatch(unit)),
            admissions::decrementAndGet);
    return new ClaimWindow.Running(claim, Instant.EPOCH);
  }

  private static ClaimWindow.Finished ended(ClaimWindow.Running unit) {
    return ClaimWindow.Finished.of(
        unit, new Outcome.Completed("{}", ExecutionUsage.cpu(0)), Instant.EPOCH);
  }

  private static ClaimWindow.Finished finished(String unit) {
    ClaimBatch.Claim claim =
        new ClaimBatch.Claim(
            new ConsumerRecord<>("dispatch", 0, 0, "s", ClaimBatchTest.dispatch(unit)),
            ClaimGate.Admission.NONE);
    return ClaimWindow.Finished.of(
        new ClaimWindow.Running(claim, Instant.EPOCH),
        new Outcome.Completed("{}", ExecutionUsage.cpu(0)),
        Instant.EPOCH);
  }

  private static String unit(ClaimWindow.Finished f) {
    return f.unit().claim().dispatch().getWorkUnitId();
  }
}
