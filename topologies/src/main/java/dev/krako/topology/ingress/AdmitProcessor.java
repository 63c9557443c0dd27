package dev.krako.topology.ingress;

import dev.krako.avro.AdmissionStatus;
import dev.krako.avro.RequestIndexEntry;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.TaskGraph;
import dev.krako.capacity.AdmissionMode;
import dev.krako.capacity.AdmissionRates;
import dev.krako.capacity.TenantRate;
import dev.krako.streams.CommitPacer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits exactly one session per (tenant_id, request_id), within the admission mode and the
 * tenant's rate. In order: a request that already has a session is answered DUPLICATE_REQUEST with
 * it, in every mode; in {@code rejecting} mode a new graph is refused (ADMISSION_REJECTED); past
 * its tenant's rate it is refused (TENANT_RATE_EXCEEDED); otherwise it is admitted. A refused graph
 * gets a rejection record and a result with stop reason {@code admission_rejected}, and leaves no
 * trace in the request index, so nothing is half-started and a later submission may be admitted. A
 * request is remembered for the dedupe horizon after its admission ({@link RequestIndexSweep}).
 *
 * <p>Records arrive keyed by tenant id; the session id is in the value.
 */
final class AdmitProcessor implements Processor<String, SessionAdmitted, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(AdmitProcessor.class);

  /**
   * Every 10 s at most 10,000 index entries are looked at: a walk of 1,000 entries/s, far above any
   * admission rate one ingress task sees, for a few milliseconds of RocksDB reads.
   */
  private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(10);

  private static final int SWEEP_LIMIT = 10_000;

  private final AdmissionRates rates;
  private final Duration dedupeHorizon;
  private final CommitPacer pacer;
  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, RequestIndexEntry> index;
  private KeyValueStore<String, Long> tenantRates;
  private KeyValueStore<String, ValueAndTimestamp<AdmissionStatus>> admission;

  AdmitProcessor(AdmissionRates rates, Duration dedupeHorizon, CommitPacer pacer) {
    this.pacer = pacer;
    this.rates = rates;
    this.dedupeHorizon = dedupeHorizon;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.index = context.getStateStore(IngressNames.REQUEST_INDEX_STORE);
    this.tenantRates = context.getStateStore(IngressNames.TENANT_RATE_STORE);
    this.admission = context.getStateStore(IngressNames.ADMISSION_MODE_STORE);
    RequestIndexSweep sweep = new RequestIndexSweep(index, dedupeHorizon, SWEEP_LIMIT);
    context.schedule(
        SWEEP_INTERVAL,
        PunctuationType.WALL_CLOCK_TIME,
        ignored -> sweep.sweep(context.currentStreamTimeMs()));
  }

  @Override
  public void process(Record<String, SessionAdmitted> record) {
    // Orchestration starts the session only once this commit makes the admission visible.
    pacer.recordProcessed(context);
    String sessionId = record.value().getSessionId();
    TaskGraph graph = record.value().getGraph();
    RequestIndexEntry existing = index.get(sessionId);
    if (existing != null) {
      duplicate(record, graph, existing.getSessionId());
      return;
    }
    AdmissionStatus status = currentStatus();
    AdmissionMode mode = AdmissionMode.parse(status.getMode());
    Optional<TenantRate> rate = rates.of(mode);
    if (rate.isEmpty()) {
      refuse(
          record,
          graph,
          Rejections.ADMISSION_REJECTED,
          "Krako is rejecting new graphs (" + status.getCause() + ": " + status.getReason() + ")");
      return;
    }
    String tenant = graph.getTenantId();
    Long tat = tenantRates.get(tenant);
    // Now is the task's stream time, not the record's timestamp: records reach this task out of
    // timestamp order whenever the partitions before the repartition are consumed unevenly (a
    // backlog after a failover, producers with skewed clocks), and a late record's own timestamp
    // would find the tenant's next arrival time seconds ahead and refuse a graph within its rate.
    long now = Math.max(record.timestamp(), context.currentStreamTimeMs());
    TenantRate.Verdict verdict = rate.get().admit(tat == null ? 0 : tat, now);
    if (!verdict.admitted()) {
      refuse(
          record,
          graph,
          Rejections.TENANT_RATE_EXCEEDED,
          "tenant "
              + tenant
              + " is past its "
              + mode.wireName()
              + " admission rate ("
              + rate.get().perSecond()
              + "/s, burst "
              + rate.get().burst()
              + "); retry in "
              + verdict.retryAfterMs()
              + " ms");
      return;
    }
    tenantRates.put(tenant, verdict.nextTatMs());
    index.put(
        sessionId,
        new RequestIndexEntry(
            sessionId,
            graph.getTenantId(),
            graph.getRequestId(),
            graph.getGraphId(),
            record.value().getAdmittedAt()));
    LOG.info("Admitted graph {} as session {}.", graph.getGraphId(), sessionId);
    context.forward(record.withKey(sessionId).withValue(record.value()));
  }

  private AdmissionStatus currentStatus() {
    ValueAndTimestamp<AdmissionStatus> held = admission.get(AdmissionKey.KEY);
    return held == null ? AdmissionKey.NORMAL : held.value();
  }

  private void duplicate(Record<String, SessionAdmitted> record, TaskGraph graph, String existing) {
    LOG.info(
        "Graph {} repeats request {} of session {}; no second session.",
        graph.getGraphId(),
        graph.getRequestId(),
        existing);
    context.forward(
        record
            .withKey(graph.getGraphId())
            .withValue(
                Rejections.duplicate(
                    graph.getGraphId(),
                    graph.getTenantId(),
                    graph.getRequestId(),
                    existing,
                    source(record),
                    Instant.ofEpochMilli(record.timestamp()))));
  }

  private void refuse(
      Record<String, SessionAdmitted> record, TaskGraph graph, String code, String message) {
    String sessionId = record.value().getSessionId();
    LOG.info(
        "Refused graph {} of tenant {} ({}): {}.",
        graph.getGraphId(),
        graph.getTenantId(),
        code,
        message);
    context.forward(
        record
            .withKey(graph.getGraphId())
            .withValue(
                Rejections.refused(
                    graph,
                    code,
                    message,
                    source(record),
                    Instant.ofEpochMilli(record.timestamp()))));
    context.forward(
        record.withKey(sessionId).withValue(Rejections.refusedResult(graph, sessionId)));
  }

  private SourceCoordinates source(Record<String, SessionAdmitted> record) {
    return SourceCoordinates.from(
        record.headers(), SourceCoordinates.of(context.recordMetadata().orElseThrow()));
  }
}
