package dev.krako.worker.runtime;

import dev.krako.avro.WorkUnitDispatch;
import dev.krako.worker.resilience.ClaimGate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * What a claim loop does with the dispatches of one poll, decided before its transaction (pure: no
 * Kafka call). Dispatches are taken in poll order: a tombstone is passed over, a replica whose
 * {@code exclude_nodes} names this node is handed on (ADR 009), any other dispatch is claimed while
 * the loop's window has room and the gate admits it. At the first dispatch that may not be claimed
 * the batch ends: it and everything after it are {@link #unclaimed}, to be rewound to, so that no
 * offset is ever committed past a dispatch that was not taken.
 *
 * @param claims the dispatches to claim, each with the gate's admission (held until reported)
 * @param handOns the replicas to hand on to the next partition
 * @param offsets per partition, the offset past the last dispatch taken (claimed, handed on or
 *     passed over): what the batch's transaction commits
 * @param unclaimed the dispatches left for a later poll, in poll order
 */
record ClaimBatch(
    List<Claim> claims,
    List<ConsumerRecord<String, WorkUnitDispatch>> handOns,
    Map<TopicPartition, OffsetAndMetadata> offsets,
    List<ConsumerRecord<String, WorkUnitDispatch>> unclaimed) {

  /** A batch of nothing: a transaction that only reports outcomes. */
  static final ClaimBatch NONE = new ClaimBatch(List.of(), List.of(), Map.of(), List.of());

  ClaimBatch {
    claims = List.copyOf(claims);
    handOns = List.copyOf(handOns);
    offsets = Map.copyOf(offsets);
    unclaimed = List.copyOf(unclaimed);
  }

  /** A dispatch to claim and the gate's admission for it. */
  record Claim(ConsumerRecord<String, WorkUnitDispatch> record, ClaimGate.Admission admission) {

    WorkUnitDispatch dispatch() {
      return record.value();
    }
  }

  /**
   * Plans the batch of {@code polled}.
   *
   * @param nodeId this node, as named in {@code exclude_nodes}
   * @param room how many more units the loop may hold (its window minus the units it holds)
   * @param admit asks the gate for one admission; called once per dispatch to claim, and never once
   *     the room is used up
   */
  static ClaimBatch plan(
      List<ConsumerRecord<String, WorkUnitDispatch>> polled,
      String nodeId,
      int room,
      Supplier<Optional<ClaimGate.Admission>> admit) {
    List<Claim> claims = new ArrayList<>();
    List<ConsumerRecord<String, WorkUnitDispatch>> handOns = new ArrayList<>();
    Map<TopicPartition, OffsetAndMetadata> offsets = new LinkedHashMap<>();
    for (int i = 0; i < polled.size(); i++) {
      ConsumerRecord<String, WorkUnitDispatch> record = polled.get(i);
      WorkUnitDispatch dispatch = record.value();
      if (dispatch != null && excludes(dispatch, nodeId)) {
        handOns.add(record);
      } else if (dispatch != null) {
        Optional<ClaimGate.Admission> admission =
            claims.size() < room ? admit.get() : Optional.empty();
        if (admission.isEmpty()) {
          return new ClaimBatch(claims, handOns, offsets, polled.subList(i, polled.size()));
        }
        claims.add(new Claim(record, admission.get()));
      } // a tombstone carries no work: it is only passed over
      offsets.put(
          new TopicPartition(record.topic(), record.partition()),
          new OffsetAndMetadata(record.offset() + 1));
    }
    return new ClaimBatch(claims, handOns, offsets, List.of());
  }

  /** A batch that takes none of {@code polled}: all of it stays for a later poll. */
  static ClaimBatch untaken(List<ConsumerRecord<String, WorkUnitDispatch>> polled) {
    return new ClaimBatch(List.of(), List.of(), Map.of(), polled);
  }

  /** Whether the batch writes nothing: no claim, no hand-on, no offset to move. */
  boolean isEmpty() {
    return offsets.isEmpty();
  }

  private static boolean excludes(WorkUnitDispatch dispatch, String nodeId) {
    return dispatch.getReplicaCount() > 1 && dispatch.getExcludeNodes().contains(nodeId);
  }
}
