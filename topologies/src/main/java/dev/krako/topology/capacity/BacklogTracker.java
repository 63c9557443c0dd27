package dev.krako.topology.capacity;

import dev.krako.capacity.AdmissionController;
import dev.krako.capacity.Pool;
import dev.krako.capacity.PoolObservation;
import dev.krako.capacity.Pressure;
import dev.krako.capacity.ScaleRequest;
import dev.krako.capacity.Transition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the latest summary of each pool from each partition of {@code krako.events}, and every
 * {@code evaluateEvery} of wall-clock time judges each pool (scale requests) and the whole backlog
 * (admission mode) from their sum (ADR 028). Wall-clock time, because an idle cluster sends no
 * events and must still relax its mode.
 */
final class BacklogTracker implements Processor<String, PoolSummary, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(BacklogTracker.class);

  private final CapacityConfig config;
  private final AdmissionController controller;
  private ProcessorContext<String, SpecificRecord> context;
  private PartitionSummaries summaries;
  private ScaleRequests requests;
  private AdmissionLedger admission;

  BacklogTracker(CapacityConfig config) {
    this.config = config;
    this.controller = new AdmissionController(config.thresholds());
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    summaries = new PartitionSummaries(context.getStateStore(CapacityNames.SUMMARIES_STORE));
    requests = new ScaleRequests(context.getStateStore(CapacityNames.SCALE_STORE));
    admission = new AdmissionLedger(context.getStateStore(CapacityNames.ADMISSION_STORE));
    // Every summary goes to partition 0 of a one-partition topic. Another task exists only when
    // krako.admission.commands was given more partitions; it has nothing to judge.
    if (context.taskId().partition() == 0) {
      context.schedule(config.evaluateEvery(), PunctuationType.WALL_CLOCK_TIME, this::evaluate);
    }
  }

  @Override
  public void process(Record<String, PoolSummary> record) {
    summaries.received(record.value());
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
    PartitionSummaries.Total total =
        summaries.total(pool, nowMs - config.summaryExpiry().toMillis());
    return new PoolObservation(
        pool,
        total.liveNodes(),
        total.waiting(),
        total.oldestWaitingMs(),
        total.claims() == 0 ? 0 : total.claimLatencyTotalMs() / total.claims(),
        (int) total.claims(),
        (int) total.completed(),
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
