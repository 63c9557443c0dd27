package dev.krako.topology.capacity;

import dev.krako.avro.Event;
import dev.krako.avro.NodeHealthUpdated;
import dev.krako.capacity.Pool;
import dev.krako.events.EventTypes;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Folds one partition of {@code krako.events} into that partition's backlog stores, and every
 * {@code evaluateEvery} of wall-clock time forwards one {@link PoolSummary} per pool for the judge
 * (ADR 028). The partition holds every event of its sessions (keyed by session id) and every report
 * of its nodes (keyed by node id), so its backlog is complete on its own and the partitions'
 * summaries add up. Wall-clock time, because an idle partition must still report that its backlog
 * drained.
 */
final class BacklogSummarizer implements Processor<String, Event, String, PoolSummary> {

  private final CapacityConfig config;
  private ProcessorContext<String, PoolSummary> context;
  private WaitingUnits waiting;
  private RecentWork recent;
  private PoolNodes nodes;

  BacklogSummarizer(CapacityConfig config) {
    this.config = config;
  }

  @Override
  public void init(ProcessorContext<String, PoolSummary> context) {
    this.context = context;
    waiting = new WaitingUnits(context.getStateStore(CapacityNames.WAITING_STORE));
    recent = new RecentWork(context.getStateStore(CapacityNames.RECENT_STORE));
    nodes = new PoolNodes(context.getStateStore(CapacityNames.NODES_STORE));
    context.schedule(config.evaluateEvery(), PunctuationType.WALL_CLOCK_TIME, this::summarize);
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

  private void summarize(long nowMs) {
    int partition = context.taskId().partition();
    for (Pool pool : Pool.values()) {
      WaitingUnits.Waiting w = waiting.observe(pool, nowMs - config.waitingHorizon().toMillis());
      RecentWork.Window window = recent.observe(pool, nowMs - config.window().toMillis());
      PoolSummary summary =
          new PoolSummary(
              partition,
              pool,
              nowMs,
              nodes.alive(pool, nowMs - config.nodeAlive().toMillis()),
              w.count(),
              w.oldestScheduledAtMs(),
              window.claims().count(),
              window.claims().latencyTotalMs(),
              window.completed());
      context.forward(new Record<>(PartitionSummaries.key(pool, partition), summary, nowMs));
    }
  }
}
