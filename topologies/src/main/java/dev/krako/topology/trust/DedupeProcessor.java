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
 * is dropped while its id is remembered. Every copy of an event has the same key on krako.events
 * (its session id, a health report its node id), so all copies are in one partition, and the dedupe
 * of an id has one owner before any repartition (ADR 031).
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
    String counted = NodeEvents.countedId(e, record.key());
    if (seen.contains(counted)) {
      LOG.debug(
          "Event {} ({}) of node {}, session {}, unit {}, attempt {} was counted already; not again.",
          e.getEventId(),
          e.getEventType(),
          record.key(),
          e.getSessionId(),
          e.getWorkUnitId(),
          e.getAttemptIndex());
      return;
    }
    seen.remember(counted, e.getTimestamp(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
    context.forward(record);
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
