package dev.krako.benchmarks;

import dev.krako.avro.SessionAdmitted;
import dev.krako.events.EventIds;
import dev.krako.graph.GraphParser;
import dev.krako.graph.IngressLimits;
import dev.krako.graph.ParseOutcome;
import dev.krako.graph.TaskGraph;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.topology.codec.GraphCodec;
import java.util.Locale;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Ingress's work on one submitted document: the parser's validation alone, and the whole of what
 * the validation step does for an accepted graph (validate, derive the session id, map the graph to
 * Avro and encode the SessionAdmitted record it forwards).
 */
@State(Scope.Benchmark)
public class IngressBenchmark extends HotPathSettings {

  /** Every shape: JMH runs each constant of an enum parameter given no values. */
  @Param public GraphShape shape;

  private final GraphParser parser = new GraphParser(IngressLimits.defaults());
  private final KrakoTopics topics = new KrakoTopics(TopicNames.defaults());
  private final Serializer<SessionAdmitted> admitted = topics.admitted().valueSerde().serializer();
  private byte[] document;

  @Setup
  public void prepare() {
    document = shape.document(shape.name().toLowerCase(Locale.ROOT), SessionWalk.TENANT);
    if (!(parser.parse(document) instanceof ParseOutcome.Accepted)) {
      throw new IllegalStateException("The " + shape + " document must be accepted.");
    }
  }

  /** Parse and validate: JSON, every field, the DAG, the budgets. */
  @Benchmark
  public ParseOutcome validate() {
    return parser.parse(document);
  }

  /** Validation plus the SessionAdmitted record, encoded, as ingress forwards it. */
  @Benchmark
  public byte[] validateAndEncodeAdmission() {
    TaskGraph graph = ((ParseOutcome.Accepted) parser.parse(document)).graph();
    String sessionId = EventIds.sessionId(graph.tenantId(), graph.requestId());
    SessionAdmitted record =
        new SessionAdmitted(sessionId, SessionWalk.T0, GraphCodec.toAvro(graph));
    return admitted.serialize(topics.admitted().name(), record);
  }

  /** The document the benchmark parses. */
  byte[] document() {
    return document;
  }
}
