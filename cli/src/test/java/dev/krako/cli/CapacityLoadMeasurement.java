package dev.krako.cli;

import static org.awaitility.Awaitility.await;

import dev.krako.avro.Event;
import dev.krako.avro.EventSource;
import dev.krako.avro.SessionEnded;
import dev.krako.avro.SessionStatus;
import dev.krako.avro.StopReason;
import dev.krako.avro.Substrate;
import dev.krako.avro.Usage;
import dev.krako.avro.WorkUnitClaimed;
import dev.krako.avro.WorkUnitCompleted;
import dev.krako.avro.WorkUnitScheduled;
import dev.krako.avro.WorkUnitStarted;
import dev.krako.avro.WorkUnitType;
import dev.krako.cli.bench.EndOffsets;
import dev.krako.events.EventTypes;
import dev.krako.kafka.local.LocalKafkaBroker;
import dev.krako.kafka.local.junit.KafkaBrokerExtension;
import dev.krako.kafka.local.junit.KafkaTestNames;
import dev.krako.streams.StreamsSettings;
import dev.krako.topics.KrakoTopics;
import dev.krako.topics.TopicNames;
import dev.krako.topology.capacity.CapacityConfig;
import dev.krako.topology.capacity.CapacityNames;
import dev.krako.topology.capacity.CapacityTopology;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures what the capacity application costs per WorkUnit under load (ADR 021): the capacity
 * topology alone, with the production Streams settings, on the real broker, while a producer writes
 * a synthetic unit stream to {@code krako.events} at {@link #RATE} units/s for {@link #SECONDS} s
 * (each unit scheduled, claimed and started about 200 ms later, completed about 500 ms later; a
 * session of 10 units ends with its last). It prints the appends per unit to each of capacity's
 * internal topics (changelogs and repartition, transaction markers included) and the CPU time of
 * its stream thread per unit and per second of load.
 *
 * <p>A measurement, not a test: its name matches neither surefire's nor failsafe's includes; run it
 * by name with {@code -Dit.test=CapacityLoadMeasurement}; add {@code -Dkrako.jfr=/tmp/capacity.jfr}
 * for a Flight Recorder profile of the load (this JVM only, not the broker's). Compare only runs
 * made minutes apart on the same machine.
 */
@ExtendWith(KafkaBrokerExtension.class)
class CapacityLoadMeasurement {

  private static final int RATE = 450;
  private static final int SECONDS = 90;
  private static final int SESSION_SIZE = 10;
  private static final long CLAIM_LAG_MS = 200;
  private static final long COMPLETION_LAG_MS = 500;
  private static final Duration QUIET = Duration.ofSeconds(3);
  private static final String OUTPUT = "{\"answer\":\"" + "x".repeat(200) + "\"}";

  @TempDir Path stateDir;

  private KafkaProducer<String, Event> producer;
  private String events;

  @Test
  void measuresTheCostPerUnitUnderLoad(LocalKafkaBroker broker, KafkaTestNames names)
      throws Exception {
    String prefix = names.topic("cap") + ".";
    TopicNames topicNames = TopicNames.defaults().withPrefix(prefix);
    KrakoTopics topics = new KrakoTopics(topicNames);
    broker.createTopics(KrakoTopicSpecs.all(topicNames, 3));
    events = topicNames.events();
    String applicationId = prefix + CapacityNames.APPLICATION_ID;
    StreamsSettings settings =
        new StreamsSettings(
            applicationId,
            broker.bootstrapServers(),
            stateDir,
            topicNames.deadLetter(),
            "capacity",
            Map.of());
    Map<String, Object> producerConfig = new HashMap<>(broker.adminClientConfig());
    producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    try (Admin admin = Admin.create(broker.adminClientConfig());
        KafkaProducer<String, Event> writer =
            new KafkaProducer<>(
                producerConfig, new StringSerializer(), topics.events().valueSerde().serializer());
        KafkaStreams streams =
            new KafkaStreams(
                CapacityTopology.build(CapacityConfig.defaults(topics, "measurement")),
                settings.toProperties())) {
      producer = writer;
      streams.start();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(() -> streams.state() == KafkaStreams.State.RUNNING);
      Recording recording = profile();
      long cpuBefore = streamThreadCpuNs(applicationId);
      long start = System.nanoTime();
      int units = produce();
      Map<String, Long> offsets = awaitQuiet(admin, applicationId);
      long cpuNs = streamThreadCpuNs(applicationId) - cpuBefore;
      if (recording != null) {
        recording.dump(Path.of(System.getProperty("krako.jfr")));
        recording.close();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      StringBuilder report =
          new StringBuilder(String.format("capacity under load: %,d units at %d/s%n", units, RATE));
      long total = 0;
      for (Map.Entry<String, Long> topic : offsets.entrySet()) {
        total += topic.getValue();
        report.append(
            String.format(
                "  %-45s %8.3f appends/unit%n", topic.getKey(), (double) topic.getValue() / units));
      }
      report.append(String.format("  %-45s %8.3f appends/unit%n", "total", (double) total / units));
      report.append(
          String.format(
              "  stream thread CPU %.1f µs/unit, %.3f cores over %.1f s%n",
              cpuNs / 1_000.0 / units, cpuNs / 1e9 / seconds, seconds));
      System.out.print(report);
    }
  }

  private static Recording profile() throws Exception {
    if (System.getProperty("krako.jfr") == null) {
      return null;
    }
    Recording recording = new Recording(Configuration.getConfiguration("profile"));
    recording.start();
    return recording;
  }

  /** Writes the unit stream at {@link #RATE}; the number of units written. */
  private int produce() throws InterruptedException {
    int total = RATE * SECONDS;
    long startMs = System.currentTimeMillis();
    int scheduled = 0;
    int claimed = 0;
    int completed = 0;
    while (completed < total) {
      long elapsed = System.currentTimeMillis() - startMs;
      Instant now = Instant.now();
      int due = (int) Math.min(total, elapsed * RATE / 1_000);
      for (; scheduled < due; scheduled++) {
        send(unit(EventTypes.UNIT_SCHEDULED, scheduled, now));
      }
      int claimDue = (int) Math.min(scheduled, Math.max(0, elapsed - CLAIM_LAG_MS) * RATE / 1_000);
      if (scheduled == total) {
        claimDue = total;
      }
      for (; claimed < claimDue; claimed++) {
        send(unit(EventTypes.UNIT_CLAIMED, claimed, now));
        send(unit(EventTypes.UNIT_STARTED, claimed, now));
      }
      int doneDue =
          (int) Math.min(claimed, Math.max(0, elapsed - COMPLETION_LAG_MS) * RATE / 1_000);
      if (claimed == total) {
        doneDue = total;
      }
      for (; completed < doneDue; completed++) {
        send(unit(EventTypes.UNIT_COMPLETED, completed, now));
        if (completed % SESSION_SIZE == SESSION_SIZE - 1) {
          send(sessionEnded(completed, now));
        }
      }
      Thread.sleep(10);
    }
    producer.flush();
    return total;
  }

  private void send(Event event) {
    producer.send(new ProducerRecord<>(events, event.getSessionId(), event));
  }

  /** The CPU time of the application's stream threads so far. */
  private static long streamThreadCpuNs(String applicationId) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long ns = 0;
    for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
      if (info != null
          && info.getThreadName().startsWith(applicationId)
          && info.getThreadName().contains("StreamThread")) {
        ns += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
      }
    }
    return ns;
  }

  /** The end offsets of the application's internal topics, once two reads agree. */
  private static Map<String, Long> awaitQuiet(Admin admin, String applicationId) {
    AtomicReference<Map<String, Long>> last = new AtomicReference<>(Map.of());
    return await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(QUIET)
        .until(
            () -> {
              Map<String, Long> now = endOffsets(admin, applicationId);
              return now.equals(last.getAndSet(now)) ? now : null;
            },
            now -> now != null);
  }

  private static Map<String, Long> endOffsets(Admin admin, String applicationId) throws Exception {
    return EndOffsets.byTopic(admin, applicationId + "-");
  }

  private static Event unit(String type, int i, Instant at) {
    Event.Builder event = base(type, i, at).setWorkUnitId("u-" + i);
    return switch (type) {
      case EventTypes.UNIT_SCHEDULED ->
          event
              .setPayload(
                  new WorkUnitScheduled(WorkUnitType.deterministic, Substrate.cpu, "dispatch"))
              .build();
      case EventTypes.UNIT_CLAIMED ->
          event.setPayload(new WorkUnitClaimed("node-1", Substrate.cpu)).build();
      case EventTypes.UNIT_STARTED ->
          event.setPayload(new WorkUnitStarted("node-1", Substrate.cpu)).build();
      default ->
          event
              .setPayload(
                  new WorkUnitCompleted(
                      "node-1", Substrate.cpu, OUTPUT, 10L, new Usage(1L, 0L, 0L, 0)))
              .build();
    };
  }

  private static Event sessionEnded(int i, Instant at) {
    return base(EventTypes.SESSION_COMPLETED, i, at)
        .setWorkUnitId(null)
        .setPayload(new SessionEnded(SessionStatus.completed, StopReason.success, 1L))
        .build();
  }

  private static Event.Builder base(String type, int i, Instant at) {
    String session = "s-" + (i / SESSION_SIZE);
    return Event.newBuilder()
        .setEventId(type + "/" + session + "/" + i)
        .setEventType(type)
        .setTimestamp(at)
        .setTenantId("tenant-a")
        .setGraphId("g-1")
        .setSessionId(session)
        .setAttemptIndex(0)
        .setSource(new EventSource("measurement", "measurement"));
  }
}
