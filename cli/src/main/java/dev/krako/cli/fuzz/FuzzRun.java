package dev.krako.cli.fuzz;

import dev.krako.avro.DeadLetter;
import dev.krako.avro.GraphRejected;
import dev.krako.avro.SessionResult;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.StopReason;
import dev.krako.avro.Violation;
import dev.krako.cli.fuzz.HostileGraphs.Expectation;
import dev.krako.cli.fuzz.HostileGraphs.Hostile;
import dev.krako.events.EventIds;
import dev.krako.topics.KrakoTopics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes hostile graph records and internal garbage to a running Krako, then checks that every
 * record met its fate: each graph record exactly one answer (a rejection naming its violations, or
 * a session with a result), each garbage record exactly one dead-letter record per consuming
 * component, with its coordinates, and good graphs sent after the storm still complete.
 *
 * <p>Only what this run wrote is looked at: answers are matched by the coordinates the broker gave
 * each record (rejections and dead letters carry them) or by the session id the contract derives
 * from tenant and request id, and the readers start at the topics' ends as they were before the
 * first record was sent.
 */
public final class FuzzRun {

  /**
   * What to run.
   *
   * @param graphRecords hostile records for the graph topic
   * @param garbagePerTopic undecodable records for each internal topic in {@code consumers}
   * @param goodEvery one good graph (that must complete) after every this many hostile records
   * @param goodAfter good graphs sent after the storm, that must complete
   * @param goodSpacing the least time between two good graphs: their record timestamps are what
   *     admission rates them by, and a storm published in a few seconds would otherwise send them
   *     faster than the throttled rate that a backlog may impose on every tenant (docs/capacity.md)
   * @param consumers for each internal topic to poison, the components that read it (a dead-letter
   *     record's {@code component} starts with one of these)
   * @param kafkaConfig extra client settings (security), may be empty
   */
  public record Settings(
      String bootstrapServers,
      KrakoTopics topics,
      long seed,
      String runId,
      int graphRecords,
      int garbagePerTopic,
      int goodEvery,
      int goodAfter,
      Duration goodSpacing,
      Map<String, List<String>> consumers,
      Duration patience,
      Map<String, Object> kafkaConfig) {}

  private final Settings s;
  private final Consumer<String> log;
  private final List<Sent> sent = new ArrayList<>();
  private final List<SentGarbage> garbage = new ArrayList<>();
  private final Map<String, List<GraphRejected>> rejectionsAt = new HashMap<>();
  private final Map<String, List<SessionResult>> resultsBySession = new HashMap<>();
  private final Map<String, List<DeadLetter>> deadLettersAt = new HashMap<>();

  /** A sent graph record without its bytes (the storm must not be kept in memory). */
  private record Sent(
      String category, String tenant, String requestId, Expectation expected, String coordinates) {}

  private record SentGarbage(String topic, String kind, String coordinates) {}

  public FuzzRun(Settings settings, Consumer<String> log) {
    this.s = settings;
    this.log = log;
  }

  /** Publishes everything, waits for the answers (at most the patience) and judges them. */
  public FuzzReport run() throws Exception {
    try (KafkaConsumer<byte[], byte[]> reader = reader();
        KafkaProducer<byte[], byte[]> producer = producer()) {
      Instant started = Instant.now();
      publish(producer);
      Duration publishing = Duration.between(started, Instant.now());
      log.accept(
          "Published "
              + sent.size()
              + " graph records and "
              + garbage.size()
              + " garbage records in "
              + publishing.toMillis()
              + " ms; waiting for their fates.");
      Instant deadline = Instant.now().plus(s.patience());
      FuzzReport report = judge(Duration.between(started, Instant.now()));
      while (!report.passed() && Instant.now().isBefore(deadline)) {
        drain(reader, Duration.ofMillis(500));
        report = judge(Duration.between(started, Instant.now()));
      }
      return report;
    }
  }

  private void publish(KafkaProducer<byte[], byte[]> producer) throws Exception {
    HostileGraphs graphs = new HostileGraphs(s.seed(), s.runId());
    InternalGarbage junk = new InternalGarbage(s.seed() ^ 0x5DEECE66DL);
    List<Map.Entry<Sent, Future<RecordMetadata>>> pending = new ArrayList<>();
    List<Map.Entry<String[], Future<RecordMetadata>>> pendingGarbage = new ArrayList<>();
    List<String> internal = new ArrayList<>(s.consumers().keySet());
    int garbageTotal = s.garbagePerTopic() * internal.size();
    int every =
        garbageTotal == 0 ? Integer.MAX_VALUE : Math.max(1, s.graphRecords() / garbageTotal);
    int garbageSent = 0;
    GoodPacer pacer = new GoodPacer(s.goodSpacing());
    for (int i = 0; i < s.graphRecords(); i++) {
      Hostile h = graphs.next();
      pending.add(send(producer, h));
      if (s.goodEvery() > 0 && i % s.goodEvery() == s.goodEvery() - 1) {
        pacer.await();
        Hostile good = graphs.good("good_during_storm");
        pending.add(send(producer, good));
      }
      if (i % every == 0 && garbageSent < garbageTotal) {
        String topic = internal.get(garbageSent % internal.size());
        InternalGarbage.Garbage g = junk.next(schemaOf(topic));
        pendingGarbage.add(
            Map.entry(
                new String[] {topic, g.kind()},
                producer.send(new ProducerRecord<>(topic, "fuzz".getBytes(), g.value()))));
        garbageSent++;
      }
    }
    while (garbageSent < garbageTotal) {
      String topic = internal.get(garbageSent % internal.size());
      InternalGarbage.Garbage g = junk.next(schemaOf(topic));
      pendingGarbage.add(
          Map.entry(
              new String[] {topic, g.kind()},
              producer.send(new ProducerRecord<>(topic, "fuzz".getBytes(), g.value()))));
      garbageSent++;
    }
    for (int i = 0; i < s.goodAfter(); i++) {
      pacer.await();
      Hostile good = graphs.good("good_after_storm");
      pending.add(send(producer, good));
    }
    producer.flush();
    for (Map.Entry<Sent, Future<RecordMetadata>> p : pending) {
      Sent x = p.getKey();
      sent.add(
          new Sent(
              x.category(),
              x.tenant(),
              x.requestId(),
              x.expected(),
              coordinates(p.getValue().get())));
    }
    for (Map.Entry<String[], Future<RecordMetadata>> p : pendingGarbage) {
      garbage.add(new SentGarbage(p.getKey()[0], p.getKey()[1], coordinates(p.getValue().get())));
    }
  }

  /** Holds each good graph back until the spacing has passed since the one before it. */
  private static final class GoodPacer {
    private final long spacingNanos;
    private long last = Long.MIN_VALUE;

    GoodPacer(Duration spacing) {
      this.spacingNanos = spacing.toNanos();
    }

    void await() throws InterruptedException {
      long now = System.nanoTime();
      if (last != Long.MIN_VALUE && now - last < spacingNanos) {
        TimeUnit.NANOSECONDS.sleep(spacingNanos - (now - last));
        now = System.nanoTime();
      }
      last = now;
    }
  }

  private Map.Entry<Sent, Future<RecordMetadata>> send(
      KafkaProducer<byte[], byte[]> producer, Hostile h) {
    return Map.entry(
        new Sent(h.category(), h.tenant(), h.requestId(), h.expected(), null),
        producer.send(new ProducerRecord<>(s.topics().names().taskGraphs(), h.value())));
  }

  /** The record schema of an internal topic, whose fingerprint the garbage may carry. */
  private Schema schemaOf(String topic) {
    dev.krako.topics.TopicNames n = s.topics().names();
    if (topic.equals(n.admitted())) {
      return dev.krako.avro.SessionAdmitted.getClassSchema();
    }
    if (topic.equals(n.events()) || topic.equals(n.reports())) {
      return dev.krako.avro.Event.getClassSchema();
    }
    if (List.of(n.dispatchCpu(), n.dispatchCpuTrusted(), n.dispatchLlm()).contains(topic)) {
      return dev.krako.avro.WorkUnitDispatch.getClassSchema();
    }
    throw new IllegalArgumentException("Not an internal topic that Krako consumes: " + topic);
  }

  private void drain(KafkaConsumer<byte[], byte[]> reader, Duration timeout) {
    KrakoTopics t = s.topics();
    for (ConsumerRecord<byte[], byte[]> r : reader.poll(timeout)) {
      if (r.topic().equals(t.rejected().name())) {
        GraphRejected g =
            t.rejected().valueSerde().deserializer().deserialize(r.topic(), r.value());
        rejectionsAt
            .computeIfAbsent(
                g.getSourceTopic() + "-" + g.getSourcePartition() + "@" + g.getSourceOffset(),
                k -> new ArrayList<>())
            .add(g);
      } else if (r.topic().equals(t.results().name())) {
        SessionResult result =
            t.results().valueSerde().deserializer().deserialize(r.topic(), r.value());
        resultsBySession.computeIfAbsent(result.getSessionId(), k -> new ArrayList<>()).add(result);
      } else {
        DeadLetter d = t.deadLetter().valueSerde().deserializer().deserialize(r.topic(), r.value());
        deadLettersAt
            .computeIfAbsent(
                d.getSourceTopic() + "-" + d.getSourcePartition() + "@" + d.getSourceOffset(),
                k -> new ArrayList<>())
            .add(d);
      }
    }
  }

  /** Judges every record sent against what has arrived so far. */
  private FuzzReport judge(Duration elapsed) {
    Map<String, FuzzReport.Category> categories = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (Sent x : sent) {
      FuzzReport.Category c =
          categories.computeIfAbsent(x.category(), k -> new FuzzReport.Category());
      c.sent++;
      List<GraphRejected> rejections = rejectionsAt.getOrDefault(x.coordinates(), List.of());
      List<SessionResult> results =
          x.requestId() == null
              ? List.of()
              : resultsBySession.getOrDefault(
                  EventIds.sessionId(x.tenant(), x.requestId()), List.of());
      String problem = fate(x.expected(), rejections, results);
      if (problem == null) {
        if (refusedAtAdmission(rejections)) {
          c.refused++;
        } else if (rejections.isEmpty()) {
          c.completed++;
        } else {
          c.rejected++;
        }
      } else {
        c.unmet++;
        problems.add(x.category() + " at " + x.coordinates() + ": " + problem);
      }
    }
    for (SentGarbage g : garbage) {
      FuzzReport.Category c =
          categories.computeIfAbsent(
              "garbage:" + shortName(g.topic()) + ":" + g.kind(), k -> new FuzzReport.Category());
      c.sent++;
      List<DeadLetter> letters = deadLettersAt.getOrDefault(g.coordinates(), List.of());
      String problem = deadLettered(s.consumers().get(g.topic()), letters);
      if (problem == null) {
        c.deadLettered++;
      } else {
        c.unmet++;
        problems.add("garbage " + g.kind() + " at " + g.coordinates() + ": " + problem);
      }
    }
    return new FuzzReport(s.seed(), categories, problems, elapsed);
  }

  private static String fate(
      Expectation expected, List<GraphRejected> rejections, List<SessionResult> results) {
    if (rejections.size() > 1) {
      return rejections.size() + " rejections";
    }
    if (results.size() > 1) {
      return results.size() + " results for one session";
    }
    if (refusedAtAdmission(rejections)) {
      // Admission's answer (docs/capacity.md): a rejection and a failed result that says
      // admission_rejected, both for the one record, and no session started. One fate.
      if (results.size() != 1 || results.get(0).getStopReason() != StopReason.admission_rejected) {
        return "an admission refusal without its admission_rejected result: " + results;
      }
      return null;
    }
    if (!rejections.isEmpty()) {
      List<Violation> violations = rejections.get(0).getViolations();
      if (violations.isEmpty()
          || violations.stream().anyMatch(v -> v.getCode().isBlank() || v.getMessage().isBlank())) {
        return "a rejection without a precise reason: " + violations;
      }
    }
    return switch (expected) {
      case REJECTED -> {
        if (!results.isEmpty()) {
          yield "expected a rejection, got a session";
        }
        yield rejections.isEmpty() ? "no rejection yet" : null;
      }
      case COMPLETED -> {
        if (!rejections.isEmpty()) {
          yield "expected a session, got " + rejections.get(0).getViolations();
        }
        if (results.isEmpty()) {
          yield "no result yet";
        }
        yield results.get(0).getStatus() == SessionStatus.completed
            ? null
            : "ended " + results.get(0).getStatus() + " / " + results.get(0).getStopReason();
      }
      case ONE_FATE -> {
        if (!rejections.isEmpty() && !results.isEmpty()) {
          yield "both a rejection and a session";
        }
        yield rejections.isEmpty() && results.isEmpty() ? "no fate yet" : null;
      }
    };
  }

  /** The codes with which admission refuses a valid graph (ADR 014). */
  private static final java.util.Set<String> ADMISSION_CODES =
      java.util.Set.of("ADMISSION_REJECTED", "TENANT_RATE_EXCEEDED");

  private static boolean refusedAtAdmission(List<GraphRejected> rejections) {
    return rejections.size() == 1
        && rejections.get(0).getViolations().stream()
            .anyMatch(v -> ADMISSION_CODES.contains(v.getCode()));
  }

  private static String deadLettered(List<String> components, List<DeadLetter> letters) {
    Map<String, Integer> byComponent = new LinkedHashMap<>();
    for (String component : components) {
      byComponent.put(component, 0);
    }
    for (DeadLetter letter : letters) {
      String owner =
          components.stream()
              .filter(c -> letter.getComponent().startsWith(c))
              .findFirst()
              .orElse(null);
      if (owner == null) {
        return "a dead letter from an unexpected component " + letter.getComponent();
      }
      byComponent.merge(owner, 1, Integer::sum);
    }
    List<String> wrong = new ArrayList<>();
    byComponent.forEach(
        (component, count) -> {
          if (count != 1) {
            wrong.add(component + " wrote " + count);
          }
        });
    return wrong.isEmpty() ? null : "dead letters per component: " + wrong;
  }

  private String shortName(String topic) {
    String prefix = s.topics().names().taskGraphs().replace("kora.taskgraphs", "");
    return topic.startsWith(prefix) ? topic.substring(prefix.length()) : topic;
  }

  private static String coordinates(RecordMetadata m) {
    return m.topic() + "-" + m.partition() + "@" + m.offset();
  }

  private KafkaProducer<byte[], byte[]> producer() {
    Map<String, Object> config = new HashMap<>(s.kafkaConfig());
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    // Room for the 10 MB documents: the graph topic takes up to 16 MiB (KrakoTopicSpecs).
    config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 12 * 1024 * 1024);
    config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
    return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
  }

  /** A reader of rejections, results and dead letters, positioned at the topics' current ends. */
  private KafkaConsumer<byte[], byte[]> reader() {
    Map<String, Object> config = new HashMap<>(s.kafkaConfig());
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, s.bootstrapServers());
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    KafkaConsumer<byte[], byte[]> reader =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic :
        List.of(
            s.topics().rejected().name(),
            s.topics().results().name(),
            s.topics().deadLetter().name())) {
      for (PartitionInfo p : reader.partitionsFor(topic)) {
        partitions.add(new TopicPartition(topic, p.partition()));
      }
    }
    reader.assign(partitions);
    reader.seekToEnd(partitions);
    partitions.forEach(reader::position); // resolve the end offsets now, before sending
    return reader;
  }
}
