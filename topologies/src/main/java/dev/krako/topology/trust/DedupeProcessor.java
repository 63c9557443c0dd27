package dev.krako.topology.trust;

import dev.krako.avro.Event;
import dev.krako.topology.dedupe.DedupeKeys;
import dev.krako.topology.dedupe.RetiredKeys;
import dev.krako.trust.SeenHorizon;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets each event about a node through once, by event id: a redelivered or replayed event (same id)
 * is dropped while its id is remembered. A worker's claim, completion and failure of an attempt are
 * remembered as flags of one key per attempt (ADR 033), which names what their ids name: one entry
 * instead of two per unit, and one changelog record when both come before one commit. Every copy of
 * an event has the same key on krako.events (its session id, a health report its node id), so all
 * copies are in one partition, and the dedupe of an id has one owner before any repartition (ADR
 * 031).
 *
 * <p>The dedupe store forgets ids that have left the horizon by itself (ADR 023). A wall-clock
 * punctuator forgets the ids of the retired stores once they have left it, a bounded number per
 * scan, until none is left.
 */
final class DedupeProcessor implements FixedKeyProcessor<String, Event, Event> {

  private static final Logger LOG = LoggerFactory.getLogger(DedupeProcessor.class);

  private final TrustConfig config;
  private final SeenHorizon horizon;
  private FixedKeyProcessorContext<String, Event> context;
  private DedupeKeys seen;

  DedupeProcessor(TrustConfig config) {
    this.config = config;
    this.horizon = config.horizon();
  }

  @Override
  public void init(FixedKeyProcessorContext<String, Event> context) {
    this.context = context;
    this.seen =
        new DedupeKeys(
            context.getStateStore(TrustNames.DEDUPE_STORE),
            new RetiredKeys(
                context.getStateStore(TrustNames.RETIRED_SEEN_STORE),
                context.getStateStore(TrustNames.RETIRED_SEEN_EXPIRY_STORE)));
    context.schedule(config.purgeInterval(), PunctuationType.WALL_CLOCK_TIME, this::forgetOldIds);
  }

  @Override
  public void process(FixedKeyRecord<String, Event> record) {
    Event e = record.value();
    if (e == null) {
      return;
    }
    Optional<NodeEvents.AttemptFlag> attempt = NodeEvents.attemptFlag(e);
    if (attempt.isPresent()) {
      if (countOnce(attempt.get(), e)) {
        context.forward(record);
      } else {
        dropped(e, record.key());
      }
      return;
    }
    String counted = NodeEvents.countedId(e, record.key());
    if (seen.contains(counted)) {
      dropped(e, record.key());
      return;
    }
    seen.remember(counted, e.getTimestamp(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
    context.forward(record);
  }

  /** Whether the attempt's event of this type is new for the node; remembers it if so. */
  private boolean countOnce(NodeEvents.AttemptFlag attempt, Event e) {
    DedupeKeys.Remembered known = seen.get(attempt.key());
    long flags = known == null ? 0 : known.value();
    if ((flags & attempt.flag()) != 0) {
      return false;
    }
    long time =
        known == null
            ? DedupeKeys.timeOf(
                e.getTimestamp(), Instant.ofEpochMilli(context.currentSystemTimeMs()))
            : known.time();
    seen.put(attempt.key(), flags | attempt.flag(), time);
    return true;
  }

  private static void dropped(Event e, String nodeId) {
    LOG.debug(
        "Event {} ({}) of node {}, session {}, unit {}, attempt {} was counted already; not again.",
        e.getEventId(),
        e.getEventType(),
        nodeId,
        e.getSessionId(),
        e.getWorkUnitId(),
        e.getAttemptIndex());
  }

  private void forgetOldIds(long wallClockMillis) {
    Optional<Instant> newest = seen.newestForRetired();
    if (newest.isEmpty()) {
      return;
    }
    Instant cutoff = horizon.forgetBefore(newest.get(), Instant.ofEpochMilli(wallClockMillis));
    int forgotten = seen.forgetRetiredBefore(cutoff, config.purgeLimit());
    if (forgotten > 0) {
      LOG.info(
          "Forgot {} retired counted event id(s) of events before {} (task {}).",
          forgotten,
          cutoff,
          context.taskId());
    }
  }
}
