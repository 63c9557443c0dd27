package dev.krako.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.krako.avro.Substrate;
import dev.krako.avro.VerificationMode;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.avro.WorkUnitType;
import dev.krako.worker.resilience.ClaimGate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** How the dispatches of one poll become a batch: claims, hand-ons, offsets and the rest. */
class ClaimBatchTest {

  private static final TopicPartition P0 = new TopicPartition("dispatch", 0);
  private static final TopicPartition P1 = new TopicPartition("dispatch", 1);

  private final AtomicInteger admitted = new AtomicInteger();
  private final AtomicInteger released = new AtomicInteger();

  @Test
  void claimsEveryDispatchThereIsRoomForInOneBatch() {
    List<ConsumerRecord<String, WorkUnitDispatch>> polled =
        List.of(record(0, 0, "a"), record(1, 0, "b"), record(0, 1, "c"));

    ClaimBatch batch = ClaimBatch.plan(polled, "node-a", 8, this::admit);

    assertThat(units(batch.claims())).containsExactly("a", "b", "c");
    assertThat(batch.offsets())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(P0, new OffsetAndMetadata(2), P1, new OffsetAndMetadata(1)));
    assertThat(batch.unclaimed()).isEmpty();
    assertThat(admitted).hasValue(3);
  }

  @Test
  void aFullWindowEndsTheBatchAndLeavesTheRestUnclaimedWithoutMovingTheirOffsets() {
    List<ConsumerRecord<String, WorkUnitDispatch>> polled =
        List.of(record(0, 0, "a"), record(0, 1, "b"), record(1, 0, "c"), record(0, 2, "d"));

    ClaimBatch batch = ClaimBatch.plan(polled, "node-a", 2, this::admit);

    assertThat(units(batch.claims())).containsExactly("a", "b");
    assertThat(batch.offsets()).containsExactlyEntriesOf(Map.of(P0, new OffsetAndMetadata(2)));
    assertThat(batch.unclaimed())
        .extracting(r -> r.value().getWorkUnitId())
        .containsExactly("c", "d");
    assertThat(admitted).as("no admission asked for beyond the room").hasValue(2);
  }

  @Test
  void aGateThatStopsAdmittingEndsTheBatchThere() {
    List<ConsumerRecord<String, WorkUnitDispatch>> polled =
        List.of(record(0, 0, "a"), record(0, 1, "b"), record(0, 2, "c"));
    AtomicInteger asked = new AtomicInteger();

    ClaimBatch batch =
        ClaimBatch.plan(
            polled, "node-a", 8, () -> asked.incrementAndGet() == 1 ? admit() : Optional.empty());

    assertThat(units(batch.claims())).containsExactly("a");
    assertThat(batch.offsets()).containsExactlyEntriesOf(Map.of(P0, new OffsetAndMetadata(1)));
    assertThat(batch.unclaimed()).hasSize(2);
  }

  @Test
  void aStoppedLoopClaimsNothingAndMovesNoOffset() {
    ClaimBatch batch = ClaimBatch.plan(List.of(record(0, 0, "a")), "node-a", 0, this::admit);

    assertThat(batch.isEmpty()).isTrue();
    assertThat(batch.unclaimed()).hasSize(1);
    assertThat(admitted).hasValue(0);
  }

  @Test
  void anUntakenBatchTakesNothingAndLeavesEverythingForALaterPoll() {
    List<ConsumerRecord<String, WorkUnitDispatch>> polled =
        List.of(
            record(0, 0, "a"),
            new ConsumerRecord<>("dispatch", 0, 1, "s", (WorkUnitDispatch) null));

    ClaimBatch batch = ClaimBatch.untaken(polled);

    assertThat(batch.isEmpty()).isTrue();
    assertThat(batch.unclaimed()).isEqualTo(polled);
  }

  @Test
  void anExcludedReplicaIsHandedOnInTheBatchWithoutTakingRoomOrAdmission() {
    WorkUnitDispatch excluded =
        WorkUnitDispatch.newBuilder(dispatch("r"))
            .setReplicaCount(2)
            .setReplicaIndex(1)
            .setExcludeNodes(List.of("node-a"))
            .build();
    List<ConsumerRecord<String, WorkUnitDispatch>> polled =
        List.of(
            new ConsumerRecord<>("dispatch", 0, 0, "s", excluded),
            record(0, 1, "a"),
            new ConsumerRecord<>("dispatch", 0, 2, "s", (WorkUnitDispatch) null));

    ClaimBatch batch = ClaimBatch.plan(polled, "node-a", 1, this::admit);

    assertThat(batch.handOns()).extracting(r -> r.value().getWorkUnitId()).containsExactly("r");
    assertThat(units(batch.claims())).containsExactly("a");
    assertThat(batch.offsets())
        .as("the tombstone is passed over with the batch")
        .containsExactlyEntriesOf(Map.of(P0, new OffsetAndMetadata(3)));
  }

  @Test
  void aReplicaExcludingAnotherNodeIsClaimedHere() {
    WorkUnitDispatch replica =
        WorkUnitDispatch.newBuilder(dispatch("r"))
            .setReplicaCount(2)
            .setExcludeNodes(List.of("node-b"))
            .build();

    ClaimBatch batch =
        ClaimBatch.plan(
            List.of(new ConsumerRecord<>("dispatch", 0, 0, "s", replica)),
            "node-a",
            1,
            this::admit);

    assertThat(units(batch.claims())).containsExactly("r");
    assertThat(batch.handOns()).isEmpty();
  }

  private Optional<ClaimGate.Admission> admit() {
    admitted.incrementAndGet();
    return Optional.of(released::incrementAndGet);
  }

  private static List<String> units(List<ClaimBatch.Claim> claims) {
    List<String> units = new ArrayList<>();
    claims.forEach(c -> units.add(c.dispatch().getWorkUnitId()));
    return units;
  }

  private static ConsumerRecord<String, WorkUnitDispatch> record(
      int partition, long offset, String unit) {
    return new ConsumerRecord<>("dispatch", partition, offset, "s", dispatch(unit));
  }

  static WorkUnitDispatch dispatch(String unit) {
    return WorkUnitDispatch.newBuilder()
        .setSessionId("s")
        .setTenantId("t")
        .setGraphId("g")
        .setWorkUnitId(unit)
        .setAttemptIndex(0)
        .setType(WorkUnitType.deterministic)
        .setSubstrate(Substrate.cpu)
        .setRunJson("{\"handler\":\"echo\"}")
        .setInputJson("{}")
        .setDependencyIds(List.of())
        .setDependencyOutputs(Map.of())
        .setIdempotent(false)
        .setVerificationMode(VerificationMode.none)
        .setDispatchedAt(Instant.EPOCH)
        .build();
  }
}
