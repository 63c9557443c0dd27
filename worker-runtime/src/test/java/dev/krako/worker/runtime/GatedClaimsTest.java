package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.worker.resilience.ClaimGate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** A claim loop's gate applied to a consumer: pause while shut, resume when open, rewind. */
class GatedClaimsTest {

  private static final TopicPartition P0 = new TopicPartition("dispatch", 0);
  private static final TopicPartition P1 = new TopicPartition("dispatch", 1);
  private static final TopicPartition P2 = new TopicPartition("dispatch", 2);

  private final FakeGate gate = new FakeGate();
  private final List<String> joins = new ArrayList<>();
  private final GatedClaims claims =
      new GatedClaims(
          gate,
          "node-0",
          c -> {
            joins.add("join");
            c.subscribe(List.of("dispatch"));
          },
          Duration.ZERO);
  private final MockConsumer<String, String> consumer = new MockConsumer<>("earliest");

  GatedClaimsTest() {
    consumer.assign(List.of(P0, P1));
    consumer.updateBeginningOffsets(Map.of(P0, 0L, P1, 0L, P2, 0L));
    for (int offset = 0; offset < 3; offset++) {
      consumer.addRecord(new ConsumerRecord<>("dispatch", 0, offset, "k", "p0-" + offset));
    }
    consumer.addRecord(new ConsumerRecord<>("dispatch", 1, 0, "k", "p1-0"));
  }

  @Test
  void anOpenGateLeavesThePartitionsFlowing() {
    assertThat(claims.beforePoll(consumer, true)).isTrue();

    assertThat(consumer.paused()).isEmpty();
    assertThat(consumer.poll(Duration.ZERO).count()).isEqualTo(4);
  }

  @Test
  void aShutGatePausesEveryPartitionSoThatThePollReturnsNothing() {
    gate.open = false;

    claims.beforePoll(consumer, true);

    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
    assertThat(consumer.poll(Duration.ZERO).isEmpty()).isTrue();
  }

  @Test
  void partitionsAssignedWhileShutArePausedAtTheNextPoll() {
    gate.open = false;
    claims.beforePoll(consumer, true);

    consumer.assign(List.of(P0, P1, P2)); // a rebalance hands this loop one more partition
    claims.beforePoll(consumer, true);

    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1, P2);
  }

  @Test
  void theGateOpeningAgainResumesThePartitions() {
    gate.open = false;
    claims.beforePoll(consumer, true);
    assertThat(consumer.poll(Duration.ZERO).isEmpty()).isTrue();

    gate.open = true;
    claims.beforePoll(consumer, true);

    assertThat(consumer.paused()).isEmpty();
    assertThat(consumer.poll(Duration.ZERO).count()).isEqualTo(4);
  }

  @Test
  void aFullWindowPausesThePartitionsAndRoomResumesThem() {
    claims.beforePoll(consumer, false);
    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
    assertThat(consumer.poll(Duration.ZERO).isEmpty()).isTrue();

    claims.beforePoll(consumer, true);

    assertThat(consumer.paused()).isEmpty();
    assertThat(consumer.poll(Duration.ZERO).count()).isEqualTo(4);
  }

  @Test
  void roomDoesNotResumeWhileTheGateIsShut() {
    gate.open = false;
    claims.beforePoll(consumer, false);

    claims.beforePoll(consumer, true);

    assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);
  }

  @Test
  void unclaimedDispatchesAreFetchedAgainAfterARewind() {
    List<ConsumerRecord<String, String>> batch = new ArrayList<>();
    consumer.poll(Duration.ZERO).forEach(batch::add);
    // Claimed: p0-0 only. Unclaimed: p0-1, p0-2 and p1-0.
    List<ConsumerRecord<String, String>> unclaimed =
        batch.stream().filter(r -> !r.value().equals("p0-0")).toList();

    claims.rewind(consumer, unclaimed);

    assertThat(consumer.position(P0)).isEqualTo(1);
    assertThat(consumer.position(P1)).isZero();
  }

  @Test
  void aGateThatWantsTheNodeOutMakesTheLoopLeaveItsGroupAndPollNothing() {
    gate.staysInGroup = false;

    assertThat(claims.beforePoll(consumer, true)).isFalse();
    assertThat(consumer.subscription()).isEmpty();
    assertThat(consumer.assignment()).isEmpty();
    assertThat(claims.beforePoll(consumer, true)).isFalse();
    assertThat(joins).isEmpty();
  }

  @Test
  void theLoopJoinsAgainOnceTheGateLetsItStay() {
    gate.staysInGroup = false;
    claims.beforePoll(consumer, true);

    gate.staysInGroup = true;

    assertThat(claims.beforePoll(consumer, true)).isTrue();
    assertThat(claims.beforePoll(consumer, true)).isTrue();
    assertThat(joins).hasSize(1);
    assertThat(consumer.subscription()).containsExactly("dispatch");
  }

  @Test
  void admissionsComeFromTheGate() {
    assertThat(claims.tryAdmit()).isPresent();
    gate.admits = false;
    assertThat(claims.tryAdmit()).isEmpty();
  }

  /** A gate the test opens and shuts. */
  private static final class FakeGate implements ClaimGate {
    volatile boolean open = true;
    volatile boolean admits = true;
    volatile boolean staysInGroup = true;

    @Override
    public boolean staysInGroup() {
      return staysInGroup;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public Optional<Admission> tryAdmit() {
      return admits ? Optional.of(Admission.NONE) : Optional.empty();
    }
  }
}
