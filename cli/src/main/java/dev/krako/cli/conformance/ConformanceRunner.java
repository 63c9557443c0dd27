package dev.krako.cli.conformance;

import dev.krako.avro.Event;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionResult;
import dev.krako.cli.GraphSubmitter;
import dev.krako.topics.KrakoTopics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Submits the corpus to a live Krako as KORA does (raw JSON on the graph topic, 0.1 graphs with the
 * tenant and request id headers) and reads back what happened: results, rejections and the event
 * log, committed records only.
 */
public final class ConformanceRunner {

  /** Graphs submitted and not yet finished, at most. */
  static final int IN_FLIGHT = 4;

  private final String bootstrapServers;
  private final KrakoTopics topics;

  public ConformanceRunner(String bootstrapServers, KrakoTopics topics) {
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
  }

  /**
   * Runs every graph and waits until each has a result or a rejection, or the timeout passes.
   *
   * @return the observations by request id, complete or not (a missing one is reported as such)
   */
  public Map<String, Observed> run(List<CorpusGraph> corpus, Duration timeout) throws Exception {
    Map<String, SessionResult> results = new HashMap<>();
    Map<String, GraphRejected> rejections = new HashMap<>();
    Map<String, List<Event>> events = new HashMap<>();
    try (KafkaConsumer<String, byte[]> reader = reader();
        GraphSubmitter submitter =
            new GraphSubmitter(bootstrapServers, topics.names().taskGraphs())) {
      reader.subscribe(
          List.of(topics.names().events(), topics.names().results(), topics.names().rejected()));
      for (CorpusGraph g : corpus) {
        submitter.submit(
            g.document().getBytes(StandardCharsets.UTF_8), Corpus.TENANT, g.requestId());
      }
      long deadline = System.nanoTime() + timeout.toNanos();
      while (results.size() + rejections.size() < corpus.size() && System.nanoTime() < deadline) {
        for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(200))) {
          read(r, results, rejections, events);
        }
      }
      // The session's last events precede its result in the log; one more poll picks up stragglers.
      for (ConsumerRecord<String, byte[]> r : reader.poll(Duration.ofMillis(500))) {
        read(r, results, rejections, events);
      }
    }
    Map<String, Observed> observed = new LinkedHashMap<>();
    for (CorpusGraph g : corpus) {
      SessionResult result = results.get(g.requestId());
      List<Event> log =
          result == null ? List.of() : events.getOrDefault(result.getSessionId(), List.of());
      GraphRejected rejection =
          rejections.getOrDefault(g.requestId(), rejections.get("graph:" + g.graphId()));
      observed.put(g.requestId(), new Observed(result, log, rejection));
    }
    return observed;
  }

  private void read(
      ConsumerRecord<String, byte[]> r,
      Map<String, SessionResult> results,
      Map<String, GraphRejected> rejections,
      Map<String, List<Event>> events) {
    String topic = r.topic();
    if (topic.equals(topics.names().events())) {
      Event e = topics.events().valueSerde().deserializer().deserialize(topic, r.value());
      if (e.getSessionId() != null) {
        events.computeIfAbsent(e.getSessionId(), k -> new ArrayList<>()).add(e);
      }
    } else if (topic.equals(topics.names().results())) {
      SessionResult res =
          topics.results().valueSerde().deserializer().deserialize(topic, r.value());
      results.put(res.getRequestId(), res);
    } else {
      GraphRejected rej =
          topics.rejected().valueSerde().deserializer().deserialize(topic, r.value());
      // A document rejected before its request id could be read is matched by its graph id.
      String key = rej.getRequestId() != null ? rej.getRequestId() : "graph:" + rej.getGraphId();
      rejections.put(key, rej);
    }
  }

  private KafkaConsumer<String, byte[]> reader() {
    return new KafkaConsumer<>(
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            bootstrapServers,
            ConsumerConfig.GROUP_ID_CONFIG,
            "krako-conformance-" + UUID.randomUUID(),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed"),
        new StringDeserializer(),
        new ByteArrayDeserializer());
  }
}
