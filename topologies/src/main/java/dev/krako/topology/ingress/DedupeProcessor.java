package dev.krako.topology.ingress;

import dev.krako.avro.RequestIndexEntry;
import dev.krako.avro.SessionAdmitted;
import dev.krako.avro.TaskGraph;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits exactly one session per (tenant_id, request_id). The key is the session id, a function of
 * that pair, so every submission of one request meets the same store entry; the first is admitted
 * and every later one is answered with a DUPLICATE_REQUEST naming the existing session.
 */
final class DedupeProcessor implements Processor<String, SessionAdmitted, String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(DedupeProcessor.class);

  private ProcessorContext<String, SpecificRecord> context;
  private KeyValueStore<String, RequestIndexEntry> index;

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
    this.index = context.getStateStore(IngressNames.REQUEST_INDEX_STORE);
  }

  @Override
  public void process(Record<String, SessionAdmitted> record) {
    String sessionId = record.key();
    TaskGraph graph = record.value().getGraph();
    RequestIndexEntry existing = index.get(sessionId);
    if (existing == null) {
      index.put(
          sessionId,
          new RequestIndexEntry(
              sessionId,
              graph.getTenantId(),
              graph.getRequestId(),
              graph.getGraphId(),
              record.value().getAdmittedAt()));
      LOG.info("Admitted graph {} as session {}.", graph.getGraphId(), sessionId);
      context.forward(record.withValue(record.value()));
      return;
    }
    SourceCoordinates source =
        SourceCoordinates.from(
            record.headers(), SourceCoordinates.of(context.recordMetadata().orElseThrow()));
    LOG.info(
        "Graph {} repeats request {} of session {}; no second session.",
        graph.getGraphId(),
        graph.getRequestId(),
        sessionId);
    context.forward(
        record
            .withKey(graph.getGraphId())
            .withValue(
                Rejections.duplicate(
                    graph.getGraphId(),
                    graph.getTenantId(),
                    graph.getRequestId(),
                    existing.getSessionId(),
                    source,
                    Instant.ofEpochMilli(record.timestamp()))));
  }
}
