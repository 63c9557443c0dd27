package dev.krako.topology.capacity;

import dev.krako.avro.Event;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.capacity.AdmissionController;
import dev.krako.capacity.Pool;
import dev.krako.capacity.PoolObservation;
import dev.krako.capacity.Pressure;
import dev.krako.capacity.ScaleRequest;
import dev.krako.capacity.Transition;
import dev.krako.events.EventTypes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Folds the backlog events into the stores, and every {@code evaluateEvery} of wall-clock time
 * judges each pool (scale requests) and the whole backlog (admission mode). Wall-clock time,
 * because an idle cluster sends no events and must still relax its mode.
 */
final class BacklogTracker implements Processor<String, Event, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(BacklogTracker.class);

  private final CapacityConfig config;
  private final AdmissionController controller;
  private ProcessorContext<String, SpecificRecord> context;
  private WaitingUnits waiting;
  private RecentWork recent;
  private PoolNodes nodes;
  private ScaleRequests requests;
  private AdmissionLedger admission;

  BacklogTracker(CapacityConfig config) {
    this.config = config;
    this.controller = new AdmissionController(config.thresholds());
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    waiting = new WaitingUnits(context.getStateStore(CapacityNames.WAITING_STORE));
    recent = new RecentWork(context.getStateStore(CapacityNames.RECENT_STORE));
    nodes = new PoolNodes(context.getStateStore(CapacityNames.NODES_STORE));
    requests = new ScaleRequests(context.getStateStore(CapacityNames.SCALE_STORE));
    admission = new AdmissionLedger(context.getStateStore(CapacityNames.ADMISSION_STORE));
    // Every backlog event goes to partition 0 of a one-partition topic. Another task exists only
    // when krako.admission.commands was given more partitions; it has nothing to judge.
    if (context.taskId().partition() == 0) {
      context.schedule(config.evaluateEvery(), PunctuationType.WALL_CLOCK_TIME, this::evaluate);
    }
  }

  @Override
  public void process(Record<String, Event> record) {
    Event e = record.value();
    long at = e.getTimestamp().toEpochMilli();
    Optional<Pool> pool = Optional.ofNullable(BacklogEvents.substrate(e)).flatMap(Pool::ofWireName);
    String session = e.getSessionId();
    String unit = e.getWorkUnitId();
    int attempt = e.getAttemptIndex();
    switch (e.getEventType()) {
      case EventTypes.UNIT_SCHEDULED ->
          pool.ifPresent(p -> waiting.scheduled(p, session, unit, attempt, at));
      case EventTypes.UNIT_CLAIMED ->
          pool.ifPresent(
              p -> {
                Long scheduledAt = waiting.ended(p, session, unit, attempt);
                if (scheduledAt != null) {
                  recent.claimed(p, at, Math.max(0, at - scheduledAt));
                }
              });
      case EventTypes.UNIT_COMPLETED ->
          pool.ifPresent(
              p -> {
                waiting.ended(p, session, unit, attempt);
                recent.completed(p, at);
              });
      case EventTypes.UNIT_FAILED, EventTypes.UNIT_SKIPPED ->
          waiting.endedAnywhere(session, unit, attempt);
      case EventTypes.SESSION_COMPLETED, EventTypes.SESSION_FAILED -> waiting.sessionEnded(session);
      case EventTypes.NODE_HEALTH_UPDATED ->
          pool.ifPresent(
              p -> {
                NodeHealthUpdated health = (NodeHealthUpdated) e.getPayload();
                nodes.reported(p, health.getNodeId(), health.getStatus(), at);
              });
      default -> {
        // BacklogEvents.relevant() lets no other type through.
      }
    }
  }

  private void evaluate(long nowMs) {
    Instant now = Instant.ofEpochMilli(nowMs);
    List<PoolObservation> pools = new ArrayList<>();
    for (Pool pool : Pool.values()) {
      PoolObservation observation = observe(pool, nowMs);
      pools.add(observation);
      config
          .scale()
          .suggest(observation, requests.last(pool), now)
          .ifPresent(request -> requestScale(request, now));
    }
    controller
        .onBacklog(admission.current(), Pressure.of(pools), now)
        .ifPresent(t -> changeMode(t, nowMs));
  }

  private PoolObservation observe(Pool pool, long nowMs) {
    WaitingUnits.Waiting w =
        waiting.observe(pool, nowMs, nowMs - config.waitingHorizon().toMillis());
    RecentWork.Window window = recent.observe(pool, nowMs - config.window().toMillis());
    int size = nodes.alive(pool, nowMs - config.nodeAlive().toMillis());
    return new PoolObservation(
        pool,
        size,
        w.count(),
        w.oldestMs(),
        window.meanClaimLatencyMs(),
        window.claims(),
        window.completed(),
        config.window().toMillis());
  }

  private void requestScale(ScaleRequest request, Instant now) {
    long sequence = requests.sent(request.pool(), request.suggestedSize(), now);
    LOG.info(
        "Pool {} should have {} nodes (it has {}): {}.",
        request.pool().wireName(),
        request.suggestedSize(),
        request.observation().currentSize(),
        request.reason());
    context.forward(
        new Record<>(
            request.pool().wireName(),
            CapacityEvents.scaleRequested(request, sequence, now, config.instanceId()),
            now.toEpochMilli()));
  }

  private void changeMode(Transition t, long nowMs) {
    LOG.info(
        "Admission mode {} → {} ({}).",
        t.before().mode().wireName(),
        t.after().mode().wireName(),
        t.after().reason());
    Decisions.publish(context, admission, t, config.instanceId(), nowMs);
  }
}
