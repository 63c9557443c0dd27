package dev.krako.worker.runtime;

import dev.krako.avro.Event;
import dev.krako.avro.WorkUnitDispatch;
import dev.krako.schemas.AvroSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a claim loop's transactions (docs/adr/017-batched-claims.md). One transaction carries the
 * claims of a batch ({@code workunit.claimed} and {@code workunit.started} for each), then the
 * outcomes of the units that ended since the last one (in a pure pool, some of them the batch's
 * own, ADR 029), the batch's hand-ons, and its consumer offsets bound to the group's generation. It
 * commits or fails as a whole: a zombie whose generation moved on commits none of its claims, so it
 * runs none of the batch's units; the outcomes it carried are not lost with it, they stay to be
 * reported again by the loop.
 */
final class ClaimTransactions {

  private static final Logger LOG = LoggerFactory.getLogger(ClaimTransactions.class);

  private final String loopId;
  private final String eventTopic;
  private final String reportTopic;
  private final WorkerEvents events;
  private final Serializer<Event> eventSerializer;
  private final Serializer<WorkUnitDispatch> dispatchSerializer;

  /**
   * @param eventTopic the event log, which gets every event
   * @param reportTopic the orchestrator's copy of the claims and outcomes (ADR 026)
   */
  ClaimTransactions(String loopId, String eventTopic, String reportTopic, WorkerEvents events) {
    this.loopId = loopId;
    this.eventTopic = eventTopic;
    this.reportTopic = reportTopic;
    this.events = events;
    this.eventSerializer = AvroSerdes.of(Event.class).serializer();
    this.dispatchSerializer = AvroSerdes.of(WorkUnitDispatch.class).serializer();
  }

  /**
   * Commits {@code outcomes} and {@code batch} in one transaction.
   *
   * @param group the consumer's group metadata: the offsets commit only in this generation
   * @param claimedAt the claim time of the batch's units
   * @param partitions the dispatch topic's partition count (read only for hand-ons)
   * @throws org.apache.kafka.common.KafkaException when the transaction did not commit (fenced, the
   *     group moved on, the broker is away): nothing of it is visible to a read-committed reader
   */
  void commit(
      Producer<String, byte[]> producer,
      ConsumerGroupMetadata group,
      List<ClaimWindow.Finished> outcomes,
      ClaimBatch batch,
      Instant claimedAt,
      int partitions) {
    producer.beginTransaction();
    Set<ClaimBatch.Claim> endedWithClaim = Collections.newSetFromMap(new IdentityHashMap<>());
    outcomes.forEach(f -> endedWithClaim.add(f.unit().claim()));
    // Claims first: a unit of a pure pool may be reported in its claim's own transaction (ADR 029),
    // and its outcome must follow its claim in the session's partition.
    for (ClaimBatch.Claim claim : batch.claims()) {
      WorkUnitDispatch d = claim.dispatch();
      Event claimed = events.claimed(d, claimedAt);
      if (endedWithClaim.contains(claim) && d.getReplicaCount() == 1) {
        // Its outcome is in this transaction too, and tells the orchestrator all the claim would:
        // no copy of the claim to the report topic (ADR 032). A replica's claim is always copied:
        // the verdict takes a replica's outcome only from the node whose claim it recorded.
        send(producer, d.getSessionId(), claimed);
      } else {
        sendAndReport(producer, d.getSessionId(), claimed);
      }
      send(producer, d.getSessionId(), events.started(d, claimedAt));
    }
    for (ClaimWindow.Finished f : outcomes) {
      WorkUnitDispatch d = f.unit().claim().dispatch();
      Instant claimed = f.unit().claimedAt();
      for (Event call : events.modelCalls(d, f.outcome(), claimed, f.endedAt())) {
        send(producer, d.getSessionId(), call);
      }
      long duration = Duration.between(claimed, f.endedAt()).toMillis();
      sendAndReport(
          producer, d.getSessionId(), events.outcome(d, f.outcome(), duration, f.endedAt()));
    }
    for (ConsumerRecord<String, WorkUnitDispatch> record : batch.handOns()) {
      handOn(producer, record, claimedAt, partitions);
    }
    if (!batch.offsets().isEmpty()) {
      producer.sendOffsetsToTransaction(batch.offsets(), group);
    }
    producer.commitTransaction(); // throws when fenced: then none of the batch is ours to run
  }

  /**
   * This node already runs a replica of the dispatch's attempt: the dispatch goes on to the next
   * partition of the topic (and so, most often, to another node), in the transaction that moves the
   * loop past it. Once every partition has been tried, the replica fails with {@code
   * NO_DISTINCT_NODE}: the pool has fewer distinct nodes than the attempt has replicas (ADR 009).
   */
  private void handOn(
      Producer<String, byte[]> producer,
      ConsumerRecord<String, WorkUnitDispatch> record,
      Instant now,
      int partitions) {
    WorkUnitDispatch dispatch = record.value();
    if (dispatch.getHops() + 1 >= partitions) {
      sendAndReport(producer, dispatch.getSessionId(), events.noDistinctNode(dispatch, now));
      LOG.warn(
          "Worker {}: no node outside {} took replica {} of unit {} attempt {} of session {}.",
          loopId,
          dispatch.getExcludeNodes(),
          dispatch.getReplicaIndex(),
          dispatch.getWorkUnitId(),
          dispatch.getAttemptIndex(),
          dispatch.getSessionId());
      return;
    }
    WorkUnitDispatch next =
        WorkUnitDispatch.newBuilder(dispatch).setHops(dispatch.getHops() + 1).build();
    int partition = (record.partition() + 1) % partitions;
    producer.send(
        new ProducerRecord<>(
            record.topic(),
            partition,
            record.key(),
            dispatchSerializer.serialize(record.topic(), next)));
    LOG.debug(
        "Worker {} hands replica {} of unit {} of session {} on to partition {}.",
        loopId,
        dispatch.getReplicaIndex(),
        dispatch.getWorkUnitId(),
        dispatch.getSessionId(),
        partition);
  }

  private void send(Producer<String, byte[]> producer, String key, Event event) {
    producer.send(
        new ProducerRecord<>(eventTopic, key, eventSerializer.serialize(eventTopic, event)));
  }

  /**
   * An event the orchestrator acts on (a claim or an outcome): to the event log, and a copy to the
   * report topic, which the orchestrator reads instead (ADR 026). Both are in the transaction.
   */
  private void sendAndReport(Producer<String, byte[]> producer, String key, Event event) {
    byte[] value = eventSerializer.serialize(eventTopic, event);
    producer.send(new ProducerRecord<>(eventTopic, key, value));
    producer.send(new ProducerRecord<>(reportTopic, key, value));
  }
}
