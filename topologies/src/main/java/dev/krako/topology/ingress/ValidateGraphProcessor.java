package dev.krako.topology.ingress;

import dev.krako.avro.SessionAdmitted;
import dev.krako.events.EventIds;
import dev.krako.graph.GraphParser;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.Submission;
import dev.krako.graph.TaskGraph;
import dev.krako.streams.CommitPacer;
import dev.krako.topology.codec.GraphCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses and validates each submitted document. An accepted graph leaves keyed by its tenant id (a
 * SessionAdmitted naming its session id, admitted or refused downstream); a rejected one leaves as
 * a GraphRejected naming every violation. Nothing is dropped and nothing throws: bad input is data.
 */
final class ValidateGraphProcessor implements Processor<String, byte[], String, SpecificRecord> {

  private static final Logger LOG = LoggerFactory.getLogger(ValidateGraphProcessor.class);

  private final GraphParser parser;
  private final CommitPacer pacer;
  private ProcessorContext<String, SpecificRecord> context;

  ValidateGraphProcessor(GraphParser parser, CommitPacer pacer) {
    this.pacer = pacer;
    this.parser = parser;
  }

  @Override
  public void init(ProcessorContext<String, SpecificRecord> context) {
    this.context = context;
  }

  private static Submission submission(Headers headers, Instant at) {
    return new Submission(
        header(headers, Submission.TENANT_HEADER), header(headers, Submission.REQUEST_HEADER), at);
  }

  private static String header(Headers headers, String key) {
    Header header = headers.lastHeader(key);
    if (header == null || header.value() == null) {
      return null;
    }
    return new String(header.value(), StandardCharsets.UTF_8);
  }

  @Override
  public void process(Record<String, byte[]> record) {
    // KORA waits for the verdict, and the admission pass reads it back through a repartition topic.
    pacer.recordProcessed(context);
    SourceCoordinates source = SourceCoordinates.of(context.recordMetadata().orElseThrow());
    Instant at = Instant.ofEpochMilli(record.timestamp());
    ParseOutcome outcome = parser.parse(record.value(), submission(record.headers(), at));
    if (outcome instanceof ParseOutcome.Accepted accepted) {
      TaskGraph graph = accepted.graph();
      String sessionId = EventIds.sessionId(graph.tenantId(), graph.requestId());
      Record<String, SpecificRecord> out =
          record
              .withKey(graph.tenantId())
              .withValue(new SessionAdmitted(sessionId, at, GraphCodec.toAvro(graph)));
      source.writeTo(out.headers());
      context.forward(out);
      return;
    }
    ParseOutcome.Rejected rejected = (ParseOutcome.Rejected) outcome;
    LOG.info(
        "Rejected the graph at {}-{}@{} with {} violation(s), first: {}.",
        source.topic(),
        source.partition(),
        source.offset(),
        rejected.violations().size(),
        rejected.violations().get(0));
    // The key is the sender's graph id (or record key): clipped like every quoted text.
    String key = Rejections.clip(rejected.graphId() != null ? rejected.graphId() : record.key());
    context.forward(record.withKey(key).withValue(Rejections.of(rejected, source, at)));
  }
}
